import { Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CommandBus } from '@nestjs/cqrs';
import { type CommandMetadata, ErasePersonalDataCommand } from '@koppelhub/application';
import type { Response } from 'express';
import { Roles } from '../auth/roles.decorator';
import { clientIdParam } from '../clients/clients.controller';
import { Meta } from '../http/command-context';

@ApiTags('personal data')
@Controller('api/clients/:id/personal-data')
export class PersonalDataController {
  constructor(private readonly commands: CommandBus) {}

  /**
   * Erases the personal data of an ended relationship once Wwft and fiscal retention have run out
   * (422 naming the rule and date before that). Central administration ends relationships, so it
   * erases them too.
   */
  @Post('erasure')
  @HttpCode(200)
  @Roles('centrale-administratie')
  async erase(@Param('id', clientIdParam) id: string, @Meta() meta: CommandMetadata, @Res({ passthrough: true }) res: Response) {
    const result = await this.commands.execute(new ErasePersonalDataCommand(id, meta));
    if (result.position > 0) res.setHeader('X-Event-Position', String(result.position));
    return {
      clientId: result.clientId,
      erased: result.changed,
      erasedSubjects: result.erasedSubjects,
      erasedOn: result.erasedOn,
    };
  }
}

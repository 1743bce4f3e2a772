import { Body, Controller, Delete, Get, HttpCode, Param, Post, Res, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  type CommandMetadata,
  GetUbosQuery,
  type OwnershipCommandResult,
  RecordOwnershipCommand,
  RemoveOwnershipCommand,
} from '@koppelhub/application';
import type { Response } from 'express';
import { EDITORS, READERS, Roles } from '../auth/roles.decorator';
import { clientIdParam } from '../clients/clients.controller';
import { Meta } from '../http/command-context';
import { idParam } from '../http/id-param.pipe';
import { ReadModelConsistencyInterceptor } from '../http/read-model-consistency.interceptor';
import { RecordOwnershipDto } from './dto/record-ownership.dto';

/** Wwft structure: who owns how much of whom, and the UBOs derived from it. */
@ApiTags('ownership')
@Controller('api')
export class OwnershipController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('ownerships')
  @Roles(...EDITORS)
  async record(@Body() dto: RecordOwnershipDto, @Meta() meta: CommandMetadata, @Res({ passthrough: true }) res: Response) {
    const result: OwnershipCommandResult = await this.commands.execute(new RecordOwnershipCommand(dto.ownerId, dto.ownedId, dto.percent, meta));
    if (result.position > 0) res.setHeader('X-Event-Position', String(result.position));
    return { id: result.ownershipId, ownerId: dto.ownerId, ownedId: dto.ownedId, percent: dto.percent };
  }

  @Delete('ownerships/:id')
  @Roles(...EDITORS)
  @HttpCode(200)
  async remove(@Param('id', idParam) id: string, @Meta() meta: CommandMetadata, @Res({ passthrough: true }) res: Response) {
    const result: OwnershipCommandResult = await this.commands.execute(new RemoveOwnershipCommand(id, meta));
    if (result.position > 0) res.setHeader('X-Event-Position', String(result.position));
    return { id, removed: true };
  }

  @Get('clients/:id/ubos')
  @Roles(...READERS)
  @UseInterceptors(ReadModelConsistencyInterceptor)
  ubos(@Param('id', clientIdParam) id: string) {
    return this.queries.execute(new GetUbosQuery(id));
  }
}

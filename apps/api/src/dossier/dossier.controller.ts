import { Body, Controller, Get, Param, Post, Put, Res, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  AttachDossierDocumentCommand,
  type CommandMetadata,
  type CommandResult,
  GetDossierQuery,
  GetWwftCompletenessQuery,
  RecordEngagementCommand,
  RecordWwftRegistrationCommand,
  RecordWwftReviewCommand,
} from '@koppelhub/application';
import type { DossierDocument, Engagement, WwftRegistration } from '@koppelhub/domain';
import type { Response } from 'express';
import { EDITORS, READERS, Roles } from '../auth/roles.decorator';
import { clientIdParam } from '../clients/clients.controller';
import { Meta } from '../http/command-context';
import { plain } from '../http/plain';
import { ReadModelConsistencyInterceptor } from '../http/read-model-consistency.interceptor';
import { DossierDocumentDto } from './dto/dossier-document.dto';
import { EngagementDto } from './dto/engagement.dto';
import { WwftRegistrationDto } from './dto/wwft-registration.dto';
import { WwftReviewDto } from './dto/wwft-review.dto';

/** klantdossier: the Wwft registration, engagements and documents; every change answers with the dossier. */
@ApiTags('dossier')
@Controller('api/clients/:id')
export class DossierController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('dossier')
  @Roles(...READERS)
  dossier(@Param('id', clientIdParam) id: string) {
    return this.queries.execute(new GetDossierQuery(id));
  }

  /** UBOs left out are prefilled from the ownership read model: send X-Min-Position after changing ownership. */
  @Put('wwft')
  @Roles(...EDITORS)
  @UseInterceptors(ReadModelConsistencyInterceptor)
  async recordWwft(
    @Param('id', clientIdParam) id: string,
    @Body() dto: WwftRegistrationDto,
    @Meta() meta: CommandMetadata,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.answer(id, await this.commands.execute(new RecordWwftRegistrationCommand(id, plain<WwftRegistration>(dto), meta)), res);
  }

  @Get('wwft/completeness')
  @Roles(...READERS)
  completeness(@Param('id', clientIdParam) id: string) {
    return this.queries.execute(new GetWwftCompletenessQuery(id));
  }

  @Post('wwft/reviews')
  @Roles(...EDITORS)
  async review(
    @Param('id', clientIdParam) id: string,
    @Body() dto: WwftReviewDto,
    @Meta() meta: CommandMetadata,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.answer(id, await this.commands.execute(new RecordWwftReviewCommand(id, plain(dto), meta)), res);
  }

  @Post('engagements')
  @Roles(...EDITORS)
  async engagement(
    @Param('id', clientIdParam) id: string,
    @Body() dto: EngagementDto,
    @Meta() meta: CommandMetadata,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.answer(id, await this.commands.execute(new RecordEngagementCommand(id, plain<Engagement>(dto), meta)), res);
  }

  @Post('dossier/documents')
  @Roles(...EDITORS)
  async document(
    @Param('id', clientIdParam) id: string,
    @Body() dto: DossierDocumentDto,
    @Meta() meta: CommandMetadata,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.answer(id, await this.commands.execute(new AttachDossierDocumentCommand(id, plain<DossierDocument>(dto), meta)), res);
  }

  private async answer(id: string, result: CommandResult, res: Response) {
    if (result.position > 0) res.setHeader('X-Event-Position', String(result.position));
    return this.queries.execute(new GetDossierQuery(id));
  }
}

import { Body, Controller, Delete, Get, HttpCode, Param, Put, Res, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type Command, CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ClearCorrespondenceCompanyCommand,
  ClearInvoiceToCommand,
  type CommandMetadata,
  type CommandResult,
  GetClientRelationsQuery,
  GetMailingAddressQuery,
  LinkPartnerCommand,
  SetCorrespondenceCompanyCommand,
  SetInvoiceToCommand,
  UnlinkPartnerCommand,
} from '@koppelhub/application';
import type { Response } from 'express';
import { EDITORS, READERS, Roles } from '../auth/roles.decorator';
import { clientIdParam } from '../clients/clients.controller';
import { Meta } from '../http/command-context';
import { ReadModelConsistencyInterceptor } from '../http/read-model-consistency.interceptor';
import { OtherClientDto } from './dto/other-client.dto';

/** Invoice-to, correspondence company and life partner; each answers with the client's relations. */
@ApiTags('relations')
@Controller('api/clients')
export class RelationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Put(':id/invoice-to')
  @Roles(...EDITORS)
  setInvoiceTo(@Param('id', clientIdParam) id: string, @Body() dto: OtherClientDto, @Meta() meta: CommandMetadata, @Res({ passthrough: true }) res: Response) {
    return this.run(id, new SetInvoiceToCommand(id, dto.clientId, meta), res);
  }

  @Delete(':id/invoice-to')
  @Roles(...EDITORS)
  @HttpCode(200)
  clearInvoiceTo(@Param('id', clientIdParam) id: string, @Meta() meta: CommandMetadata, @Res({ passthrough: true }) res: Response) {
    return this.run(id, new ClearInvoiceToCommand(id, meta), res);
  }

  @Put(':id/correspondence-company')
  @Roles(...EDITORS)
  setCorrespondence(@Param('id', clientIdParam) id: string, @Body() dto: OtherClientDto, @Meta() meta: CommandMetadata, @Res({ passthrough: true }) res: Response) {
    return this.run(id, new SetCorrespondenceCompanyCommand(id, dto.clientId, meta), res);
  }

  @Delete(':id/correspondence-company')
  @Roles(...EDITORS)
  @HttpCode(200)
  clearCorrespondence(@Param('id', clientIdParam) id: string, @Meta() meta: CommandMetadata, @Res({ passthrough: true }) res: Response) {
    return this.run(id, new ClearCorrespondenceCompanyCommand(id, meta), res);
  }

  @Put(':id/partner')
  @Roles(...EDITORS)
  linkPartner(@Param('id', clientIdParam) id: string, @Body() dto: OtherClientDto, @Meta() meta: CommandMetadata, @Res({ passthrough: true }) res: Response) {
    return this.run(id, new LinkPartnerCommand(id, dto.clientId, meta), res);
  }

  @Delete(':id/partner')
  @Roles(...EDITORS)
  @HttpCode(200)
  unlinkPartner(@Param('id', clientIdParam) id: string, @Meta() meta: CommandMetadata, @Res({ passthrough: true }) res: Response) {
    return this.run(id, new UnlinkPartnerCommand(id, meta), res);
  }

  @Get(':id/relations')
  @Roles(...READERS)
  relations(@Param('id', clientIdParam) id: string) {
    return this.queries.execute(new GetClientRelationsQuery(id));
  }

  /** Where paper mail goes: the client's own address or its correspondence company's (read model). */
  @Get(':id/mailing-address')
  @Roles(...READERS)
  @UseInterceptors(ReadModelConsistencyInterceptor)
  mailingAddress(@Param('id', clientIdParam) id: string) {
    return this.queries.execute(new GetMailingAddressQuery(id));
  }

  private async run(clientId: string, command: Command<CommandResult>, res: Response) {
    const result: CommandResult = await this.commands.execute(command);
    if (result.position > 0) res.setHeader('X-Event-Position', String(result.position));
    return this.queries.execute(new GetClientRelationsQuery(clientId));
  }
}

import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Res, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ChangeContactCommand,
  type CommandMetadata,
  type ContactCommandResult,
  GetContactHistoryQuery,
  GetContactQuery,
  GrantPortalAccessCommand,
  LinkContactToMainCommand,
  ListClientContactsQuery,
  RegisterContactCommand,
  RemoveContactCommand,
  UnlinkContactFromMainCommand,
} from '@koppelhub/application';
import type { Response } from 'express';
import { EDITORS, READERS, Roles } from '../auth/roles.decorator';
import { clientIdParam } from '../clients/clients.controller';
import { Meta } from '../http/command-context';
import { historyEntries } from '../http/history-link';
import { HistoryPageDto } from '../http/history-page.dto';
import { idParam } from '../http/id-param.pipe';
import { PageDto } from '../http/page.dto';
import { ReadModelConsistencyInterceptor } from '../http/read-model-consistency.interceptor';
import { ChangeContactDto, ContactDto, toContactData, toContactPatch } from './dto/contact.dto';
import { MainRefDto, toMainRef } from './dto/main-ref.dto';
import { PortalAccessDto } from './dto/portal-access.dto';

const contactIdParam = idParam;

/** contactpersonen: registered one by one at a client; each answer is the contact as its stream says now. */
@ApiTags('contacts')
@Controller('api')
export class ContactsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('clients/:id/contacts')
  @Roles(...EDITORS)
  async register(
    @Param('id', clientIdParam) clientId: string,
    @Body() dto: ContactDto,
    @Meta() meta: CommandMetadata,
    @Res({ passthrough: true }) res: Response,
  ) {
    const main = dto.main ? toMainRef(dto.main) : undefined;
    return this.answer(await this.commands.execute(new RegisterContactCommand(clientId, toContactData(dto), main, meta)), res);
  }

  @Get('clients/:id/contacts')
  @Roles(...READERS)
  @UseInterceptors(ReadModelConsistencyInterceptor)
  list(@Param('id', clientIdParam) clientId: string, @Query() { page, pageSize }: PageDto) {
    return this.queries.execute(new ListClientContactsQuery(clientId, page, pageSize));
  }

  @Get('contacts/:contactId')
  @Roles(...READERS)
  get(@Param('contactId', contactIdParam) contactId: string) {
    return this.queries.execute(new GetContactQuery(contactId));
  }

  @Get('contacts/:contactId/events')
  @Roles(...READERS)
  async history(
    @Param('contactId', contactIdParam) contactId: string,
    @Query() query: HistoryPageDto,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { fromVersion, pageSize } = query;
    return historyEntries(await this.queries.execute(new GetContactHistoryQuery(contactId, { fromVersion, pageSize })), query, response);
  }

  @Patch('contacts/:contactId')
  @Roles(...EDITORS)
  async change(
    @Param('contactId', contactIdParam) contactId: string,
    @Body() dto: ChangeContactDto,
    @Meta() meta: CommandMetadata,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.answer(await this.commands.execute(new ChangeContactCommand(contactId, toContactPatch(dto), meta)), res);
  }

  /** Answers with the removal's position; the contact's history stays at `…/events`. */
  @Delete('contacts/:contactId')
  @Roles(...EDITORS)
  @HttpCode(200)
  async remove(@Param('contactId', contactIdParam) contactId: string, @Meta() meta: CommandMetadata, @Res({ passthrough: true }) res: Response) {
    const result: ContactCommandResult = await this.commands.execute(new RemoveContactCommand(contactId, meta));
    if (result.position > 0) res.setHeader('X-Event-Position', String(result.position));
    return { contactId, removed: true };
  }

  @Put('contacts/:contactId/main')
  @Roles(...EDITORS)
  async link(
    @Param('contactId', contactIdParam) contactId: string,
    @Body() dto: MainRefDto,
    @Meta() meta: CommandMetadata,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.answer(await this.commands.execute(new LinkContactToMainCommand(contactId, toMainRef(dto), meta)), res);
  }

  @Delete('contacts/:contactId/main')
  @Roles(...EDITORS)
  @HttpCode(200)
  async unlink(@Param('contactId', contactIdParam) contactId: string, @Meta() meta: CommandMetadata, @Res({ passthrough: true }) res: Response) {
    return this.answer(await this.commands.execute(new UnlinkContactFromMainCommand(contactId, meta)), res);
  }

  /** Gives the contact's portal user access to a client: only through a registration there. */
  @Put('contacts/:contactId/portal-access')
  @Roles(...EDITORS)
  async grantPortalAccess(
    @Param('contactId', contactIdParam) contactId: string,
    @Body() dto: PortalAccessDto,
    @Meta() meta: CommandMetadata,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.answer(await this.commands.execute(new GrantPortalAccessCommand(contactId, dto.clientId, meta)), res);
  }

  private async answer(result: ContactCommandResult, res: Response) {
    if (result.position > 0) res.setHeader('X-Event-Position', String(result.position));
    return this.queries.execute(new GetContactQuery(result.contactId));
  }
}

import { Body, Controller, Get, Param, Patch, Post, Put, Query, Res, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ChangeClientDetailsCommand,
  type CommandMetadata,
  type CommandResult,
  GetClientAtQuery,
  GetClientHistoryQuery,
  GetClientQuery,
  parsePointInTime,
  RegisterClientCommand,
  RenumberClientCommand,
  SearchClientsQuery,
} from '@koppelhub/application';
import type { Response } from 'express';
import { EDITORS, READERS, Roles } from '../auth/roles.decorator';
import { Meta } from '../http/command-context';
import { historyEntries } from '../http/history-link';
import { idParam } from '../http/id-param.pipe';
import { ClientReadQueryDto } from '../personal-data/client-read-query.dto';
import { RevealQueryDto } from '../personal-data/reveal-query.dto';
import { RevealsPersonalData } from '../personal-data/reveals-personal-data.decorator';
import { ReadModelConsistencyInterceptor } from '../http/read-model-consistency.interceptor';
import { ChangeClientDto, toDetailsPatch } from './dto/change-client.dto';
import { RegisterClientDto, toClientDetails } from './dto/register-client.dto';
import { RenumberClientDto } from './dto/renumber-client.dto';
import { SearchClientsDto } from './dto/search-clients.dto';

export const clientIdParam = idParam;

@ApiTags('clients')
@Controller('api/clients')
export class ClientsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles(...EDITORS)
  async register(@Body() dto: RegisterClientDto, @Meta() meta: CommandMetadata, @Res({ passthrough: true }) res: Response) {
    const { kind, clientNumber, startStatus } = dto;
    const result = await this.commands.execute(
      new RegisterClientCommand({ kind, clientNumber, startStatus, details: toClientDetails(dto) }, meta),
    );
    return this.card(result, res);
  }

  @Get()
  @Roles(...READERS)
  @UseInterceptors(ReadModelConsistencyInterceptor)
  search(@Query() criteria: SearchClientsDto) {
    return this.queries.execute(new SearchClientsQuery(criteria));
  }

  @Get(':id')
  @Roles(...READERS)
  @RevealsPersonalData('GET /api/clients/:id')
  get(@Param('id', clientIdParam) id: string, @Query() { asAt, asOf }: ClientReadQueryDto) {
    const point = parsePointInTime(asAt, asOf);
    return this.queries.execute(point ? new GetClientAtQuery(id, point) : new GetClientQuery(id));
  }

  @Patch(':id')
  @Roles(...EDITORS)
  async change(
    @Param('id', clientIdParam) id: string,
    @Body() dto: ChangeClientDto,
    @Meta() meta: CommandMetadata,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.commands.execute(new ChangeClientDetailsCommand(id, toDetailsPatch(dto), meta));
    return this.card(result, res);
  }

  /** hernummeren: the one way to change a client number; every package is told. */
  @Put(':id/client-number')
  @Roles(...EDITORS)
  async renumber(
    @Param('id', clientIdParam) id: string,
    @Body() { clientNumber }: RenumberClientDto,
    @Meta() meta: CommandMetadata,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.commands.execute(new RenumberClientCommand(id, clientNumber, meta));
    return this.card(result, res);
  }

  @Get(':id/events')
  @Roles(...READERS)
  @RevealsPersonalData('GET /api/clients/:id/events')
  // `reveal` is read by the masking interceptor.
  async history(
    @Param('id', clientIdParam) id: string,
    @Query() query: RevealQueryDto,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { fromVersion, pageSize } = query;
    return historyEntries(await this.queries.execute(new GetClientHistoryQuery(id, { fromVersion, pageSize })), query, response);
  }

  private async card(result: CommandResult, res: Response) {
    if (result.position > 0) res.setHeader('X-Event-Position', String(result.position));
    return this.queries.execute(new GetClientQuery(result.clientId));
  }
}

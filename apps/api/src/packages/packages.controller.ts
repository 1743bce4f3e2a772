import { Body, Controller, Get, Param, Put, Res, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { type CommandMetadata, GetClientQuery, GetReadinessQuery, SwitchPackagesCommand } from '@koppelhub/application';
import type { Response } from 'express';
import { EDITORS, READERS, Roles } from '../auth/roles.decorator';
import { clientIdParam } from '../clients/clients.controller';
import { Meta } from '../http/command-context';
import { ReadModelConsistencyInterceptor } from '../http/read-model-consistency.interceptor';
import { SwitchPackagesDto } from './dto/switch-packages.dto';

@ApiTags('packages')
@Controller('api/clients')
export class PackagesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /**
   * Answers with the client card; what the switched-on packages still need is at `…/readiness`. Once
   * the packages hold the client, a switch that leaves a package without what it needs is a 422.
   */
  @Put(':id/packages')
  @Roles(...EDITORS)
  async switch(
    @Param('id', clientIdParam) id: string,
    @Body() dto: SwitchPackagesDto,
    @Meta() meta: CommandMetadata,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.commands.execute(new SwitchPackagesCommand(id, dto.packages, dto.debtorNumber, meta));
    if (result.position > 0) res.setHeader('X-Event-Position', String(result.position));
    return this.queries.execute(new GetClientQuery(id));
  }

  /** Reads the portal read models: send `X-Min-Position` after a change to see it. */
  @Get(':id/readiness')
  @Roles(...READERS)
  @UseInterceptors(ReadModelConsistencyInterceptor)
  readiness(@Param('id', clientIdParam) id: string) {
    return this.queries.execute(new GetReadinessQuery(id));
  }
}

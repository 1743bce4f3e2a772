import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query, Res, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  AttachClusterMemberCommand,
  type ClusterCommand,
  type CommandMetadata,
  DesignateClusterHeadCommand,
  DetachClusterMemberCommand,
  GetClientQuery,
  GetClusterAtQuery,
  GetClusterViewQuery,
  ListClustersQuery,
  parsePointInTime,
  RevokeClusterHeadCommand,
} from '@koppelhub/application';
import type { Response } from 'express';
import { EDITORS, READERS, Roles } from '../auth/roles.decorator';
import { Meta } from '../http/command-context';
import { PointInTimeDto } from '../http/point-in-time.dto';
import { ReadModelConsistencyInterceptor } from '../http/read-model-consistency.interceptor';
import { SearchTextDto } from '../http/search-text.dto';
import { clientIdParam } from './clients.controller';
import { AttachMemberDto } from './dto/attach-member.dto';

@ApiTags('clusters')
@Controller('api')
export class ClusterController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Put('clients/:id/cluster-head')
  @Roles(...EDITORS)
  designate(@Param('id', clientIdParam) id: string, @Meta() meta: CommandMetadata, @Res({ passthrough: true }) res: Response) {
    return this.run(new DesignateClusterHeadCommand(id, meta), res);
  }

  @Delete('clients/:id/cluster-head')
  @Roles(...EDITORS)
  @HttpCode(200)
  revoke(@Param('id', clientIdParam) id: string, @Meta() meta: CommandMetadata, @Res({ passthrough: true }) res: Response) {
    return this.run(new RevokeClusterHeadCommand(id, meta), res);
  }

  @Put('clients/:id/cluster')
  @Roles(...EDITORS)
  attach(
    @Param('id', clientIdParam) id: string,
    @Body() dto: AttachMemberDto,
    @Meta() meta: CommandMetadata,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(new AttachClusterMemberCommand(id, dto.headId, meta), res);
  }

  @Delete('clients/:id/cluster')
  @Roles(...EDITORS)
  @HttpCode(200)
  detach(@Param('id', clientIdParam) id: string, @Meta() meta: CommandMetadata, @Res({ passthrough: true }) res: Response) {
    return this.run(new DetachClusterMemberCommand(id, meta), res);
  }

  @Get('clients/:id/cluster')
  @Roles(...READERS)
  @UseInterceptors(ReadModelConsistencyInterceptor)
  view(@Param('id', clientIdParam) id: string, @Query() { asAt, asOf }: PointInTimeDto) {
    const point = parsePointInTime(asAt, asOf);
    return this.queries.execute(point ? new GetClusterAtQuery(id, point) : new GetClusterViewQuery(id));
  }

  @Get('clusters')
  @Roles(...READERS)
  @UseInterceptors(ReadModelConsistencyInterceptor)
  list(@Query() search: SearchTextDto) {
    return this.queries.execute(new ListClustersQuery(search));
  }

  private async run(command: ClusterCommand, res: Response) {
    const result = await this.commands.execute(command);
    if (result.position > 0) res.setHeader('X-Event-Position', String(result.position));
    return this.queries.execute(new GetClientQuery(command.clientId));
  }
}

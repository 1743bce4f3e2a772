import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ChangeClientStatusCommand,
  type CommandMetadata,
  DecideApprovalCommand,
  GetClientQuery,
  type Principal,
} from '@koppelhub/application';
import type { Response } from 'express';
import { ActingPrincipal } from '../auth/acting-principal.decorator';
import { APPROVERS, Roles, STATUS_SETTERS } from '../auth/roles.decorator';
import { clientIdParam } from '../clients/clients.controller';
import { Meta } from '../http/command-context';
import { ApprovalDto } from './dto/approval.dto';
import { ChangeStatusDto } from './dto/change-status.dto';

/** klantacceptatie: status steps and the named approver's decision; both answer with the client card. */
@ApiTags('acceptance')
@Controller('api/clients/:id')
export class AcceptanceController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('status')
  @HttpCode(200)
  @Roles(...STATUS_SETTERS)
  async changeStatus(
    @Param('id', clientIdParam) id: string,
    @Body() dto: ChangeStatusDto,
    @ActingPrincipal() principal: Principal,
    @Meta() meta: CommandMetadata,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.commands.execute(new ChangeClientStatusCommand(id, { ...dto }, principal, meta));
    if (result.position > 0) res.setHeader('X-Event-Position', String(result.position));
    return this.queries.execute(new GetClientQuery(id));
  }

  @Post('approval')
  @HttpCode(200)
  @Roles(...APPROVERS)
  async decide(
    @Param('id', clientIdParam) id: string,
    @Body() dto: ApprovalDto,
    @ActingPrincipal() principal: Principal,
    @Meta() meta: CommandMetadata,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.commands.execute(new DecideApprovalCommand(id, { ...dto }, principal, meta));
    if (result.position > 0) res.setHeader('X-Event-Position', String(result.position));
    return this.queries.execute(new GetClientQuery(id));
  }
}

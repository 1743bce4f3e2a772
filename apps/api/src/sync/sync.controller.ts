import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { GetClientQuery } from '@koppelhub/application';
import { DomainError, PACKAGE_NAMES, type PackageName } from '@koppelhub/domain';
import { type Delivery, redriveFailed } from '@koppelhub/sync';
import { Roles, READERS } from '../auth/roles.decorator';
import { clientIdParam } from '../clients/clients.controller';
import { FailedPushesQueryDto } from './dto/failed-pushes-query.dto';
import { packageParam } from './package-param.pipe';
import { SyncGateway } from './sync-gateway';

class NoFailedPush extends DomainError {
  constructor(clientId: string, pkg?: string) {
    super(
      'sync.no-failed-push',
      'not-found',
      pkg ? `no failed push of client ${clientId} to ${pkg}` : `no failed push of client ${clientId}`,
      { clientId, ...(pkg ? { package: pkg } : {}) },
    );
  }
}

/** Operators' view: per client and package the sync status; the failed list and its re-drive. */
@ApiTags('sync')
@Controller('api')
export class SyncController {
  constructor(
    private readonly sync: SyncGateway,
    private readonly queries: QueryBus,
  ) {}

  @Get('clients/:id/sync')
  @Roles(...READERS, 'connector')
  async status(@Param('id', clientIdParam) id: string) {
    const deliveries = await this.sync.deliveries.forClient(id);
    // No deliveries also means a client not pushed anywhere yet; only then is its card asked for (404 when none).
    if (deliveries.length === 0) await this.queries.execute(new GetClientQuery(id));
    return deliveries.map((d) => ({
      package: d.package,
      status: d.status,
      ...(d.externalId ? { externalId: d.externalId } : {}),
      ...(d.externalKey ? { externalKey: d.externalKey } : {}),
      ...(d.unconfirmedKeys ? { unconfirmedKeys: d.unconfirmedKeys } : {}),
      ...(d.message ? { message: d.message } : {}),
      attempts: d.attempts,
      updatedAt: d.updatedAt,
    }));
  }

  @Get('sync/failed')
  @Roles('connector')
  async failed(@Query() { page, pageSize, package: pkg }: FailedPushesQueryDto) {
    const { items, total } = await this.sync.deliveries.pageWithStatus('failed', { page, pageSize, ...(pkg ? { pkg } : {}) });
    return { items, total, page, pageSize };
  }

  /** Every failed push of one client, to whichever packages refused it or ran out of retries. */
  @Post('sync/failed/:id/retry')
  @Roles('connector')
  @HttpCode(202)
  async retryClient(@Param('id', clientIdParam) id: string) {
    const reopened = await this.redriveClient(id);
    return { clientId: id, packages: reopened.map((d) => d.package).sort(), status: 'pending' };
  }

  @Post('sync/failed/:id/:package/retry')
  @Roles('connector')
  @HttpCode(202)
  @ApiParam({ name: 'package', enum: PACKAGE_NAMES })
  async retry(@Param('id', clientIdParam) id: string, @Param('package', packageParam) pkg: PackageName) {
    await this.redriveClient(id, pkg);
    return { clientId: id, package: pkg, status: 'pending' };
  }

  @Post('sync/failed/retry-all')
  @Roles('connector')
  @HttpCode(202)
  async retryAll() {
    const reopened = await this.redrive(await this.sync.deliveries.withStatus('failed'));
    return { redriven: reopened.length };
  }

  /** The client's failed pushes (to `pkg` only, if given) reopened; a 404 when there is none. */
  private async redriveClient(clientId: string, pkg?: string): Promise<Delivery[]> {
    const failed = (await this.sync.deliveries.forClient(clientId)).filter(
      (d) => d.status === 'failed' && (pkg === undefined || d.package === pkg),
    );
    const reopened = await this.redrive(failed);
    if (reopened.length === 0) throw new NoFailedPush(clientId, pkg);
    return reopened;
  }

  private redrive(failed: readonly Delivery[]): Promise<Delivery[]> {
    return redriveFailed(this.sync.deliveries, (jobs) => this.sync.enqueue(jobs), failed);
  }
}

import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DomainError, PACKAGE_NAMES, type PackageName } from '@koppelhub/domain';
import { redriveFailed } from '@koppelhub/sync';
import { Roles, READERS } from '../auth/roles.decorator';
import { clientIdParam } from '../clients/clients.controller';
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
  constructor(private readonly sync: SyncGateway) {}

  @Get('clients/:id/sync')
  @Roles(...READERS, 'connector')
  async status(@Param('id', clientIdParam) id: string) {
    const deliveries = await this.sync.deliveries.forClient(id);
    return deliveries.map((d) => ({
      package: d.package,
      status: d.status,
      ...(d.externalId ? { externalId: d.externalId } : {}),
      ...(d.externalKey ? { externalKey: d.externalKey } : {}),
      ...(d.message ? { message: d.message } : {}),
      attempts: d.attempts,
      updatedAt: d.updatedAt,
    }));
  }

  @Get('sync/failed')
  @Roles('connector')
  failed() {
    return this.sync.deliveries.withStatus('failed');
  }

  /** Every failed push of one client, to whichever packages refused it or ran out of retries. */
  @Post('sync/failed/:id/retry')
  @Roles('connector')
  @HttpCode(202)
  async retryClient(@Param('id', clientIdParam) id: string) {
    const failed = (await this.sync.deliveries.forClient(id)).filter((d) => d.status === 'failed');
    const reopened = await redriveFailed(this.sync.deliveries, (jobs) => this.sync.enqueue(jobs), failed);
    if (reopened.length === 0) throw new NoFailedPush(id);
    return { clientId: id, packages: reopened.map((d) => d.package).sort(), status: 'pending' };
  }

  @Post('sync/failed/:id/:package/retry')
  @Roles('connector')
  @HttpCode(202)
  async retry(@Param('id', clientIdParam) id: string, @Param('package') pkg: string) {
    if (!(PACKAGE_NAMES as readonly string[]).includes(pkg)) throw new NoFailedPush(id, pkg);
    const failed = await this.sync.deliveries.get(id, pkg as PackageName);
    const reopened = failed?.status === 'failed' ? await redriveFailed(this.sync.deliveries, (jobs) => this.sync.enqueue(jobs), [failed]) : [];
    if (reopened.length === 0) throw new NoFailedPush(id, pkg);
    return { clientId: id, package: pkg, status: 'pending' };
  }

  @Post('sync/failed/retry-all')
  @Roles('connector')
  @HttpCode(202)
  async retryAll() {
    const reopened = await redriveFailed(this.sync.deliveries, (jobs) => this.sync.enqueue(jobs), await this.sync.deliveries.withStatus('failed'));
    return { redriven: reopened.length };
  }
}

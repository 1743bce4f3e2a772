import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DomainError, PACKAGE_NAMES, type PackageName } from '@koppelhub/domain';
import type { Delivery, PushJob } from '@koppelhub/sync';
import { Roles, READERS } from '../auth/roles.decorator';
import { clientIdParam } from '../clients/clients.controller';
import { SyncGateway } from './sync-gateway';

class NoFailedPush extends DomainError {
  constructor(clientId: string, pkg: string) {
    super('sync.no-failed-push', 'not-found', `no failed push of client ${clientId} to ${pkg}`, { clientId, package: pkg });
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

  @Post('sync/failed/:id/:package/retry')
  @Roles('connector')
  @HttpCode(202)
  async retry(@Param('id', clientIdParam) id: string, @Param('package') pkg: string) {
    if (!(PACKAGE_NAMES as readonly string[]).includes(pkg)) throw new NoFailedPush(id, pkg);
    const reopened = await this.sync.deliveries.reopen(id, pkg as PackageName);
    if (!reopened) throw new NoFailedPush(id, pkg);
    await this.sync.enqueue([redrive(reopened)]);
    return { clientId: id, package: pkg, status: 'pending' };
  }

  @Post('sync/failed/retry-all')
  @Roles('connector')
  @HttpCode(202)
  async retryAll() {
    const failed = await this.sync.deliveries.withStatus('failed');
    for (const d of failed) await this.sync.deliveries.reopen(d.clientId, d.package);
    await this.sync.enqueue(failed.map(redrive));
    return { redriven: failed.length };
  }
}

/**
 * A re-drive is a new job: the failed one keeps its id in the queue's failed set. It is asked for
 * as of the delivery's wish, so it may settle it.
 */
const redrive = ({ clientId, package: pkg, desiredPosition }: Delivery): PushJob => ({
  package: pkg,
  jobId: `${clientId}_${pkg}_redrive_${Date.now()}`,
  members: [{ clientId, position: desiredPosition }],
});

import { PACKAGE_NAMES } from '@koppelhub/domain';
import { Gauge, type Registry } from 'prom-client';
import type { DeliveryStore } from '../delivery.store';

/** Deliveries in the failed list per package: they wait for an operator's re-drive. */
export function registerFailedDeliveries(registry: Registry, deliveries: Pick<DeliveryStore, 'failedPerPackage'>): Gauge<'package'> {
  return new Gauge({
    name: 'koppelhub_sync_failed_deliveries',
    help: 'Deliveries in the failed list, by package',
    labelNames: ['package'],
    registers: [registry],
    async collect() {
      const failed = await deliveries.failedPerPackage().catch(() => undefined);
      if (!failed) return;
      for (const pkg of PACKAGE_NAMES) this.set({ package: pkg }, failed[pkg] ?? 0);
    },
  });
}

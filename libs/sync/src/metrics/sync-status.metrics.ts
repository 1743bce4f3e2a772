import type { Pool } from 'pg';
import type { Registry } from 'prom-client';
import { DeliveryStore } from '../delivery.store';
import { type EventCounter, registerDispatcherLag } from './dispatcher-lag.metric';
import { registerFailedDeliveries } from './failed-deliveries.metric';

/** The gauges read from the database (dispatcher lag, failed deliveries): the API and the worker both serve them. */
export function registerSyncStatusMetrics(registry: Registry, pool: Pool, events: EventCounter): void {
  registerDispatcherLag(registry, pool, events);
  registerFailedDeliveries(registry, new DeliveryStore(pool));
}

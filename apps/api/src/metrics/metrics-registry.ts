import type { Provider } from '@nestjs/common';
import type { HubRuntime } from '@koppelhub/application';
import { registerSyncStatusMetrics } from '@koppelhub/sync';
import { Registry } from 'prom-client';

/** The API's own metrics registry (one per application, never prom-client's global one). */
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

export function metricsRegistryProvider(runtime: HubRuntime): Provider {
  return {
    provide: METRICS_REGISTRY,
    useFactory: () => {
      const registry = new Registry();
      registerSyncStatusMetrics(registry, runtime.database.pool, runtime.store);
      return registry;
    },
  };
}

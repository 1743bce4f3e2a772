export * from './push.metrics';
export * from './dispatcher-lag.metric';
export * from './failed-deliveries.metric';
export * from './sync-status.metrics';
export * from './metrics-listener';

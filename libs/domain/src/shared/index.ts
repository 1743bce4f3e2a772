export * from './domain-error';
export * from './command-metadata';
export * from './domain-event';
export * from './deep-equal';
export * from './calendar-date';
export * from './missing-item';
export * from './effective-date';
export * from './event-upcaster';

export { KurrentDbEventStore, type KurrentDbEventStoreOptions } from './kurrentdb-event-store';
export { UnsupportedKurrentDbServer, MINIMUM_SERVER_VERSION } from './server-version';

/** Injection tokens for what the runtime provides to handlers. */
export const EVENT_STORE = Symbol('EventStore');
export const DATABASE = Symbol('Database');
export const HUB_RUNTIME = Symbol('HubRuntime');

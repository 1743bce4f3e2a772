export * from './ownership.events';
export * from './ownership.state';
export * from './ownership.errors';
export * from './record-ownership.decide';
export * from './derive-ubos';

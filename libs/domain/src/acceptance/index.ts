export * from './acceptance.events';
export * from './acceptance.state';
export * from './acceptance.errors';
export * from './status-transitions';
export * from './retention';
export * from './klant-gates';
export * from './change-client-status.decide';
export * from './decide-approval.decide';

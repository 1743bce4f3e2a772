export * from './client-relations.events';
export * from './client-relations.state';
export * from './related-client';
export * from './relations.errors';
export * from './set-invoice-to.decide';
export * from './clear-invoice-to.decide';
export * from './set-correspondence-company.decide';
export * from './link-partner.decide';

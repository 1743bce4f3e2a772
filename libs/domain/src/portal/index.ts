export * from './portal-users';
export * from './grant-portal-access.decide';

export * from './personal-data.subjects';
export * from './personal-data.fields';
export * from './personal-data.events';
export * from './personal-data.errors';
export * from './erase-personal-data.decide';
export * from './bsn-masking';
export * from './bsn-access';
export * from './erase-leaves';

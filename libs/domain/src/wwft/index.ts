export * from './wwft-registration';
export * from './wwft.events';
export * from './wwft.errors';
export * from './review-policy';
export * from './validate-wwft-registration';
export * from './assess-wwft';
export * from './record-wwft-registration.decide';
export * from './record-wwft-review.decide';

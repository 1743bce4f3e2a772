export * from './package-readiness';
export * from './held-client-needs';
export * from './invoice-target-needs';
export * from './package-takes-client';
export * from './invoice-to-package';

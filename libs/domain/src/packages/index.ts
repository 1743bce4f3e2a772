export * from './package-readiness';
export * from './held-client-needs';

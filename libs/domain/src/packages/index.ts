export * from './package-readiness';

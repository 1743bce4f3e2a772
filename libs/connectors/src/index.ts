// Model and port
export * from './model/package-name';
export * from './model/client-push';
export * from './model/personal-values';
export * from './connector.port';
export { packageView } from './package-view';

// Errors
export * from './errors/push-error';
export * from './errors/permanent-push-error';
export * from './errors/rate-limited-push-error';
export * from './errors/transient-push-error';
export * from './errors/retry-after';
export * from './errors/failure-message';
export * from './errors/classify-http-failure';

// Adapters
export * from './adapters/shared/adapter-settings';
export { redact, redactError } from './adapters/shared/redact';
export { TwinfieldConnector, type TwinfieldSettings } from './adapters/twinfield/twinfield.connector';
export { TWINFIELD_TOKEN_URL, type TwinfieldOAuth } from './adapters/twinfield/twinfield-token';
export { type Lane, SerialLane } from './adapters/twinfield/serial-lane';
export { QicsMilestonesConnector, type QicsMilestonesSettings } from './adapters/qicsmilestones/qicsmilestones.connector';
export { QICS_NAME_MAX_LENGTH, truncateName } from './adapters/qicsmilestones/qics-name';
export { CasewareCloudConnector, type CasewareCloudSettings } from './adapters/casewarecloud/casewarecloud.connector';
export { NextensConnector, type NextensSettings } from './adapters/nextens/nextens.connector';
export { nextensRelationKey, passesElfproef } from './adapters/nextens/nextens-relation-key';
export * from './adapters/nextens/nextens.contract';
export { PinkwebConnector, type PinkwebSettings } from './adapters/pinkweb/pinkweb.connector';
export * from './adapters/pinkweb/pinkweb.contract';

// Sandboxes (demos, e2e tests): one in-memory HTTP server per package
export type { Fault } from './sandboxes/shared/fault';
export type { LoggedRequest } from './sandboxes/shared/request-log';
export type { RunningSandbox, SandboxOptions } from './sandboxes/shared/sandbox-server';
export * from './sandboxes/twinfield/twinfield.sandbox';
export * from './sandboxes/qicsmilestones/qicsmilestones.sandbox';
export * from './sandboxes/casewarecloud/casewarecloud.sandbox';
export * from './sandboxes/nextens/nextens.sandbox';
export * from './sandboxes/pinkweb/pinkweb.sandbox';
export * from './sandboxes/start-all-sandboxes';

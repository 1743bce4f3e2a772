import type { AllSandboxes } from '@koppelhub/connectors';
import { sandboxEndpoints } from '@koppelhub/sync';

/** The package settings a worker reads (endpointsFromEnvironment), pointing at sandboxes this test runs. */
export function sandboxEnvironment(sandboxes: AllSandboxes): Record<string, string> {
  const e = sandboxEndpoints(sandboxes);
  return {
    PINKWEB_URL: e.pinkweb.baseUrl,
    PINKWEB_API_KEY: e.pinkweb.apiKey,
    CASEWARE_URL: e.casewarecloud.baseUrl,
    CASEWARE_CLIENT_ID: e.casewarecloud.clientId,
    CASEWARE_CLIENT_SECRET: e.casewarecloud.clientSecret,
    NEXTENS_URL: e.nextens.baseUrl,
    NEXTENS_API_KEY: e.nextens.apiKey,
    QICS_URL: e.qicsmilestones.baseUrl,
    QICS_CLIENT_ID: e.qicsmilestones.clientId,
    QICS_CLIENT_SECRET: e.qicsmilestones.clientSecret,
    TWINFIELD_URL: e.twinfield.baseUrl,
    TWINFIELD_OFFICE: e.twinfield.office,
    // The worker renews Twinfield's tokens at the sandbox, as it would at Twinfield's login service.
    TWINFIELD_CLIENT_ID: e.twinfield.oauth!.clientId,
    TWINFIELD_CLIENT_SECRET: e.twinfield.oauth!.clientSecret,
    TWINFIELD_REFRESH_TOKEN: e.twinfield.oauth!.refreshToken,
    TWINFIELD_TOKEN_URL: e.twinfield.oauth!.tokenUrl!,
  };
}

import {
  type AllSandboxes,
  type Lane,
  CASEWARE_SANDBOX_CLIENT,
  CasewareCloudConnector,
  NEXTENS_SANDBOX_API_KEY,
  NextensConnector,
  type PackageConnector,
  PINKWEB_SANDBOX_API_KEY,
  PinkwebConnector,
  QICS_SANDBOX_CLIENT,
  QicsMilestonesConnector,
  TWINFIELD_SANDBOX_TOKEN,
  TwinfieldConnector,
} from '@koppelhub/connectors';
import type { PackageName } from '@koppelhub/domain';

/**
 * Where each package lives and how to log in. Read from the environment; a package without a base
 * URL talks to its sandbox (in-process in embedded mode), so nothing real is ever reached by accident.
 */
export interface PackageEndpoints {
  pinkweb: { baseUrl: string; apiKey: string };
  casewarecloud: { baseUrl: string; clientId: string; clientSecret: string };
  nextens: { baseUrl: string; apiKey: string };
  qicsmilestones: { baseUrl: string; clientId: string; clientSecret: string };
  twinfield: { baseUrl: string; office: string; accessToken: string };
}

export function sandboxEndpoints(sandboxes: Pick<AllSandboxes, 'urls'>): PackageEndpoints {
  return {
    pinkweb: { baseUrl: sandboxes.urls.pinkweb, apiKey: PINKWEB_SANDBOX_API_KEY },
    casewarecloud: { baseUrl: sandboxes.urls.casewarecloud, ...CASEWARE_SANDBOX_CLIENT },
    nextens: { baseUrl: sandboxes.urls.nextens, apiKey: NEXTENS_SANDBOX_API_KEY },
    qicsmilestones: { baseUrl: sandboxes.urls.qicsmilestones, ...QICS_SANDBOX_CLIENT },
    twinfield: { baseUrl: sandboxes.urls.twinfield, office: 'KOPPELHUB', accessToken: TWINFIELD_SANDBOX_TOKEN },
  };
}

/** Endpoints named in the environment (all five, or none: then the sandboxes are used). */
export function endpointsFromEnvironment(env: NodeJS.ProcessEnv): PackageEndpoints | undefined {
  const required = [
    'PINKWEB_URL', 'PINKWEB_API_KEY', 'CASEWARE_URL', 'CASEWARE_CLIENT_ID', 'CASEWARE_CLIENT_SECRET',
    'NEXTENS_URL', 'NEXTENS_API_KEY', 'QICS_URL', 'QICS_CLIENT_ID', 'QICS_CLIENT_SECRET',
    'TWINFIELD_URL', 'TWINFIELD_OFFICE', 'TWINFIELD_ACCESS_TOKEN',
  ];
  const present = required.filter((name) => env[name]);
  if (present.length === 0) return undefined;
  const missing = required.filter((name) => !env[name]);
  if (missing.length > 0) throw new Error(`package settings incomplete: ${missing.join(', ')} missing`);
  const v = (name: string) => env[name]!;
  return {
    pinkweb: { baseUrl: v('PINKWEB_URL'), apiKey: v('PINKWEB_API_KEY') },
    casewarecloud: { baseUrl: v('CASEWARE_URL'), clientId: v('CASEWARE_CLIENT_ID'), clientSecret: v('CASEWARE_CLIENT_SECRET') },
    nextens: { baseUrl: v('NEXTENS_URL'), apiKey: v('NEXTENS_API_KEY') },
    qicsmilestones: { baseUrl: v('QICS_URL'), clientId: v('QICS_CLIENT_ID'), clientSecret: v('QICS_CLIENT_SECRET') },
    twinfield: { baseUrl: v('TWINFIELD_URL'), office: v('TWINFIELD_OFFICE'), accessToken: v('TWINFIELD_ACCESS_TOKEN') },
  };
}

export interface ConnectorOptions {
  /** Twinfield's office lane, when several processes push to the office (see SharedOfficeLane). */
  twinfieldLane?: Lane;
}

export function createConnectors(
  endpoints: PackageEndpoints,
  timeoutMs = 10_000,
  options: ConnectorOptions = {},
): Record<PackageName, PackageConnector> {
  return {
    pinkweb: new PinkwebConnector({ ...endpoints.pinkweb, timeoutMs }),
    casewarecloud: new CasewareCloudConnector({ ...endpoints.casewarecloud, timeoutMs }),
    nextens: new NextensConnector({ ...endpoints.nextens, timeoutMs }),
    qicsmilestones: new QicsMilestonesConnector({ ...endpoints.qicsmilestones, timeoutMs }),
    twinfield: new TwinfieldConnector({ ...endpoints.twinfield, timeoutMs, lane: options.twinfieldLane }),
  };
}

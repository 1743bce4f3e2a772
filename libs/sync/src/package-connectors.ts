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
  TWINFIELD_SANDBOX_OAUTH,
  TWINFIELD_SANDBOX_TOKEN_PATH,
  TwinfieldConnector,
  type TwinfieldOAuth,
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
  /** A fixed access token, or the OAuth settings that renew one (Twinfield's live an hour). */
  twinfield: { baseUrl: string; office: string; accessToken?: string; oauth?: TwinfieldOAuth };
}

export function sandboxEndpoints(sandboxes: Pick<AllSandboxes, 'urls'>): PackageEndpoints {
  return {
    pinkweb: { baseUrl: sandboxes.urls.pinkweb, apiKey: PINKWEB_SANDBOX_API_KEY },
    casewarecloud: { baseUrl: sandboxes.urls.casewarecloud, ...CASEWARE_SANDBOX_CLIENT },
    nextens: { baseUrl: sandboxes.urls.nextens, apiKey: NEXTENS_SANDBOX_API_KEY },
    qicsmilestones: { baseUrl: sandboxes.urls.qicsmilestones, ...QICS_SANDBOX_CLIENT },
    twinfield: {
      baseUrl: sandboxes.urls.twinfield,
      office: 'KOPPELHUB',
      oauth: { ...TWINFIELD_SANDBOX_OAUTH, tokenUrl: `${sandboxes.urls.twinfield}${TWINFIELD_SANDBOX_TOKEN_PATH}` },
    },
  };
}

const TWINFIELD_OAUTH_SETTINGS = ['TWINFIELD_CLIENT_ID', 'TWINFIELD_CLIENT_SECRET', 'TWINFIELD_REFRESH_TOKEN'];

/**
 * Endpoints named in the environment (all five, or none: then the sandboxes are used). Twinfield
 * takes a fixed TWINFIELD_ACCESS_TOKEN or, to renew its hour-long tokens, TWINFIELD_CLIENT_ID,
 * TWINFIELD_CLIENT_SECRET and TWINFIELD_REFRESH_TOKEN (TWINFIELD_TOKEN_URL when not Twinfield's own).
 */
export function endpointsFromEnvironment(env: NodeJS.ProcessEnv): PackageEndpoints | undefined {
  const required = [
    'PINKWEB_URL', 'PINKWEB_API_KEY', 'CASEWARE_URL', 'CASEWARE_CLIENT_ID', 'CASEWARE_CLIENT_SECRET',
    'NEXTENS_URL', 'NEXTENS_API_KEY', 'QICS_URL', 'QICS_CLIENT_ID', 'QICS_CLIENT_SECRET',
    'TWINFIELD_URL', 'TWINFIELD_OFFICE',
  ];
  const twinfieldCredentials = ['TWINFIELD_ACCESS_TOKEN', ...TWINFIELD_OAUTH_SETTINGS, 'TWINFIELD_TOKEN_URL'];
  const present = [...required, ...twinfieldCredentials].filter((name) => env[name]);
  if (present.length === 0) return undefined;
  const missing = required.filter((name) => !env[name]);
  const oauthGiven = TWINFIELD_OAUTH_SETTINGS.filter((name) => env[name]);
  if (env.TWINFIELD_ACCESS_TOKEN && oauthGiven.length > 0) {
    throw new Error('package settings: set TWINFIELD_ACCESS_TOKEN or the TWINFIELD_CLIENT_ID, _CLIENT_SECRET and _REFRESH_TOKEN that renew one, not both');
  }
  if (!env.TWINFIELD_ACCESS_TOKEN) {
    const oauthMissing = TWINFIELD_OAUTH_SETTINGS.filter((name) => !env[name]);
    if (oauthMissing.length === TWINFIELD_OAUTH_SETTINGS.length) missing.push(`TWINFIELD_ACCESS_TOKEN (or ${TWINFIELD_OAUTH_SETTINGS.join(', ')})`);
    else missing.push(...oauthMissing);
  }
  if (missing.length > 0) throw new Error(`package settings incomplete: ${missing.join(', ')} missing`);
  const v = (name: string) => env[name]!;
  const twinfieldLogin = env.TWINFIELD_ACCESS_TOKEN
    ? { accessToken: v('TWINFIELD_ACCESS_TOKEN') }
    : {
        oauth: {
          clientId: v('TWINFIELD_CLIENT_ID'),
          clientSecret: v('TWINFIELD_CLIENT_SECRET'),
          refreshToken: v('TWINFIELD_REFRESH_TOKEN'),
          ...(env.TWINFIELD_TOKEN_URL ? { tokenUrl: v('TWINFIELD_TOKEN_URL') } : {}),
        },
      };
  return {
    pinkweb: { baseUrl: v('PINKWEB_URL'), apiKey: v('PINKWEB_API_KEY') },
    casewarecloud: { baseUrl: v('CASEWARE_URL'), clientId: v('CASEWARE_CLIENT_ID'), clientSecret: v('CASEWARE_CLIENT_SECRET') },
    nextens: { baseUrl: v('NEXTENS_URL'), apiKey: v('NEXTENS_API_KEY') },
    qicsmilestones: { baseUrl: v('QICS_URL'), clientId: v('QICS_CLIENT_ID'), clientSecret: v('QICS_CLIENT_SECRET') },
    twinfield: { baseUrl: v('TWINFIELD_URL'), office: v('TWINFIELD_OFFICE'), ...twinfieldLogin },
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

import type { PackageName } from '../model/package-name';
import { startCasewareCloudSandbox, type CasewareCloudSandbox, type CasewareCloudSandboxOptions } from './casewarecloud/casewarecloud.sandbox';
import { startNextensSandbox, type NextensSandbox, type NextensSandboxOptions } from './nextens/nextens.sandbox';
import { startPinkwebSandbox, type PinkwebSandbox, type PinkwebSandboxOptions } from './pinkweb/pinkweb.sandbox';
import { startQicsMilestonesSandbox, type QicsMilestonesSandbox, type QicsMilestonesSandboxOptions } from './qicsmilestones/qicsmilestones.sandbox';
import { startTwinfieldSandbox, type TwinfieldSandbox, type TwinfieldSandboxOptions } from './twinfield/twinfield.sandbox';

export interface AllSandboxesOptions {
  pinkweb?: PinkwebSandboxOptions;
  casewarecloud?: CasewareCloudSandboxOptions;
  nextens?: NextensSandboxOptions;
  qicsmilestones?: QicsMilestonesSandboxOptions;
  twinfield?: TwinfieldSandboxOptions;
}

export interface AllSandboxes {
  pinkweb: PinkwebSandbox;
  casewarecloud: CasewareCloudSandbox;
  nextens: NextensSandbox;
  qicsmilestones: QicsMilestonesSandbox;
  twinfield: TwinfieldSandbox;
  urls: Record<PackageName, string>;
  close(): Promise<void>;
}

/** Starts the five sandboxes (each on its own port, 0 = any free one); if one fails, the started ones are closed. */
export async function startAllSandboxes(options: AllSandboxesOptions = {}): Promise<AllSandboxes> {
  const started: Array<{ close(): Promise<void> }> = [];
  const track = async <T extends { close(): Promise<void> }>(starting: Promise<T>): Promise<T> => {
    const sandbox = await starting;
    started.push(sandbox);
    return sandbox;
  };
  try {
    const pinkweb = await track(startPinkwebSandbox(options.pinkweb));
    const casewarecloud = await track(startCasewareCloudSandbox(options.casewarecloud));
    const nextens = await track(startNextensSandbox(options.nextens));
    const qicsmilestones = await track(startQicsMilestonesSandbox(options.qicsmilestones));
    const twinfield = await track(startTwinfieldSandbox(options.twinfield));
    return {
      pinkweb,
      casewarecloud,
      nextens,
      qicsmilestones,
      twinfield,
      urls: { pinkweb: pinkweb.url, casewarecloud: casewarecloud.url, nextens: nextens.url, qicsmilestones: qicsmilestones.url, twinfield: twinfield.url },
      close: async () => {
        await Promise.all(started.map((sandbox) => sandbox.close()));
      },
    };
  } catch (error) {
    await Promise.allSettled(started.map((sandbox) => sandbox.close()));
    throw error;
  }
}

/**
 * Fixed ports for the in-process sandboxes, for demos: SANDBOX_BASE_PORT=4100 puts them on
 * 4100..4104 (pinkweb, casewarecloud, nextens, qicsmilestones, twinfield); unset, any free port.
 */
export function sandboxPortsFromEnvironment(env: NodeJS.ProcessEnv): AllSandboxesOptions {
  const raw = env.SANDBOX_BASE_PORT;
  if (raw === undefined || raw === '') return {};
  const base = Number(raw);
  if (!Number.isInteger(base) || base < 1 || base > 65_531) throw new Error('SANDBOX_BASE_PORT must be a port number (1..65531)');
  return {
    pinkweb: { port: base },
    casewarecloud: { port: base + 1 },
    nextens: { port: base + 2 },
    qicsmilestones: { port: base + 3 },
    twinfield: { port: base + 4 },
  };
}

/** For demos: `node -r @swc-node/register libs/connectors/src/sandboxes/start-all-sandboxes.ts` (ports: see above). */
if (require.main === module) {
  void startAllSandboxes(sandboxPortsFromEnvironment(process.env)).then((sandboxes) => {
    for (const [name, url] of Object.entries(sandboxes.urls)) process.stdout.write(`${name.padEnd(15)} ${url}\n`);
    const stop = (): void => {
      void sandboxes.close().then(() => process.exit(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

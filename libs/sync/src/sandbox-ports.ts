import type { AllSandboxesOptions } from '@koppelhub/connectors';

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

import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** What one measured phase took: wall time, and CPU in this process and on the whole machine. */
export interface PhaseSpent {
  seconds: number;
  /** This process (user + system), in milliseconds. */
  processMs: number;
  /** Every process on the machine, from /proc/stat, with the busy share of all its cores (0 to 1); absent where there is none. */
  machine?: { ms: number; busy: number };
}

/**
 * Starts measuring; call the returned function when the phase ends. A ratio between two rates says
 * how much faster one is; the CPU behind each says why: whether a phase was short of CPU or
 * waiting on round trips.
 */
export function startPhase(): () => PhaseSpent {
  const started = process.hrtime.bigint();
  const processStart = process.cpuUsage();
  const machineStart = machineTicks();
  return () => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const used = process.cpuUsage(processStart);
    const machineEnd = machineTicks();
    const spent: PhaseSpent = { seconds, processMs: (used.user + used.system) / 1000 };
    if (machineStart && machineEnd) {
      const busy = machineEnd.busy - machineStart.busy;
      const all = machineEnd.all - machineStart.all;
      // /proc/stat counts in USER_HZ, 100 per second on Linux.
      spent.machine = { ms: busy * 10, busy: all > 0 ? busy / all : 0 };
    }
    return spent;
  };
}

/** Milliseconds of CPU spread over operations, as "34 µs". */
export const microsPer = (ms: number, operations: number): string => `${Math.round((ms * 1000) / operations)} µs`;

/** "34 µs in Node, 128 µs on the machine (2 cores 77 % busy)", per operation. */
export function cpuPerOperation(spent: PhaseSpent, operations: number, here: string): string {
  const local = `${microsPer(spent.processMs, operations)} ${here}`;
  if (!spent.machine) return local;
  const { ms, busy } = spent.machine;
  return `${local}, ${microsPer(ms, operations)} on the machine (${cpus().length} cores ${Math.round(busy * 100)} % busy)`;
}

function machineTicks(): { busy: number; all: number } | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, idle, iowait = 0, irq = 0, softirq = 0, steal = 0] = fields;
    return { busy: user + nice + system + irq + softirq + steal, all: user + nice + system + idle + iowait + irq + softirq + steal };
  } catch {
    return undefined;
  }
}

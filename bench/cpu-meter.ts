import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** CPU spent during one measured phase: by this process, and by the whole machine where Linux tells. */
export interface CpuSpent {
  /** This process (user + system), in milliseconds. */
  processMs: number;
  /** Every process on the machine, from /proc/stat; absent where there is none. */
  machineMs?: number;
  /** The machine's busy share of all its cores over the phase, 0 to 1. */
  machineBusy?: number;
}

/**
 * Starts measuring; call the returned function when the phase ends. A ratio between two figures
 * says how much faster one is; the CPU behind each says why: whether a phase was short of CPU or
 * waiting on round trips.
 */
export function cpuMeter(): () => CpuSpent {
  const processStart = process.cpuUsage();
  const machineStart = machineTicks();
  return () => {
    const used = process.cpuUsage(processStart);
    const machineEnd = machineTicks();
    const spent: CpuSpent = { processMs: (used.user + used.system) / 1000 };
    if (machineStart && machineEnd) {
      const busy = machineEnd.busy - machineStart.busy;
      const all = machineEnd.all - machineStart.all;
      // /proc/stat counts in USER_HZ, 100 per second on Linux.
      spent.machineMs = busy * 10;
      spent.machineBusy = all > 0 ? busy / all : 0;
    }
    return spent;
  };
}

/** "34 µs here, 128 µs on the machine (2 cores 77 % busy)", per operation. */
export function cpuPerOperation(spent: CpuSpent, operations: number, here = 'here'): string {
  const perOperation = (ms: number) => `${Math.round((ms * 1000) / operations)} µs`;
  const local = `${perOperation(spent.processMs)} ${here}`;
  if (spent.machineMs === undefined || spent.machineBusy === undefined) return local;
  return `${local}, ${perOperation(spent.machineMs)} on the machine (${cpus().length} cores ${Math.round(spent.machineBusy * 100)} % busy)`;
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

import { PermanentPushError } from '@koppelhub/connectors';
import { PACKAGE_NAMES, type PackageName } from '@koppelhub/domain';
import { Counter, Histogram, type Registry } from 'prom-client';

/** What became of one push job; `pushed` covers created, updated and ended. */
export const PUSH_OUTCOMES = ['pushed', 'unchanged', 'skipped', 'failed-transient', 'failed-permanent'] as const;
export type PushMetricOutcome = (typeof PUSH_OUTCOMES)[number];

/**
 * Pushes per package by outcome (one count per attempt, so a push that failed twice and then went
 * through counts two transient failures and one push) and how long each package took to answer.
 * Labels are the package and the outcome only: nothing that names a client.
 */
export class PushMetrics {
  private readonly pushes: Counter<'package' | 'outcome'>;
  private readonly duration: Histogram<'package'>;

  constructor(registry: Registry) {
    this.pushes = new Counter({
      name: 'koppelhub_sync_pushes_total',
      help: 'Push jobs handled, by package and outcome',
      labelNames: ['package', 'outcome'],
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'koppelhub_sync_push_duration_seconds',
      help: "Time a package took to answer a push (failures and timeouts included)",
      labelNames: ['package'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    });
    // Every series exists from the start, so rate() and alerts see the first increment.
    for (const pkg of PACKAGE_NAMES) for (const outcome of PUSH_OUTCOMES) this.pushes.inc({ package: pkg, outcome }, 0);
  }

  counted(pkg: PackageName, outcome: PushMetricOutcome): void {
    this.pushes.inc({ package: pkg, outcome });
  }

  failed(pkg: PackageName, error: unknown): void {
    this.counted(pkg, error instanceof PermanentPushError ? 'failed-permanent' : 'failed-transient');
  }

  /** Starts timing a call to the package; call the result when it answered or failed. */
  timer(pkg: PackageName): () => void {
    const end = this.duration.startTimer({ package: pkg });
    return () => {
      end();
    };
  }
}

import { Inject } from '@nestjs/common';
import { HUB_RUNTIME, type HubRuntime } from '@koppelhub/application';
import { PostgresCheckpointStore } from '@koppelhub/eventstore';
import { Command, CommandRunner } from 'nest-commander';
import { CLI_OUTPUT, type CliOutput } from '../cli-output';

@Command({ name: 'lag', description: 'show how far each read model and the worker are behind the log' })
export class LagCommand extends CommandRunner {
  constructor(
    @Inject(HUB_RUNTIME) private readonly runtime: HubRuntime,
    @Inject(CLI_OUTPUT) private readonly out: CliOutput,
  ) {
    super();
  }

  async run(): Promise<void> {
    const head = await this.runtime.store.headPosition();
    const checkpoints = new PostgresCheckpointStore(this.runtime.database.pool);
    // Each read model counts only the event types it folds; the worker follows everything.
    const subscriptions: Array<{ id: string; types?: readonly string[] }> = [
      ...this.runtime.projections.map((r) => ({ id: r.id, types: r.projection.eventTypes })),
      { id: 'sync-dispatcher' },
    ];
    this.out.line(`head position ${head}`);
    for (const { id, types } of subscriptions) {
      const checkpoint = await checkpoints.load(id);
      const behind = await this.runtime.store.countAfter(checkpoint, types);
      this.out.line(`${id}: at ${checkpoint.position}, ${behind} behind`);
    }
  }
}

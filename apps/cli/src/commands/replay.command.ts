import { Inject } from '@nestjs/common';
import { HUB_RUNTIME, type HubRuntime } from '@koppelhub/application';
import { clientStream, foldClient } from '@koppelhub/domain';
import { Command, CommandRunner } from 'nest-commander';
import { CLI_OUTPUT, type CliOutput } from '../cli-output';

/** Shows a client's history one event at a time with the state it led to: how each decision came about. */
@Command({ name: 'replay', arguments: '<clientId>', description: "replay a client's events step by step" })
export class ReplayCommand extends CommandRunner {
  constructor(
    @Inject(HUB_RUNTIME) private readonly runtime: HubRuntime,
    @Inject(CLI_OUTPUT) private readonly out: CliOutput,
  ) {
    super();
  }

  async run([clientId]: string[]): Promise<void> {
    const events = await this.runtime.store.readStream(clientStream(clientId));
    if (events.length === 0) throw new Error(`client ${clientId} has no history`);
    events.forEach((event, index) => {
      const state = foldClient(events.slice(0, index + 1));
      const summary = state.exists
        ? `status ${state.status}, cluster ${state.cluster.role}${state.cluster.role === 'member' ? ` of ${state.cluster.headId}` : ''}`
        : 'not registered';
      this.out.line(
        `#${event.streamVersion} @${event.position} ${event.recordedAt.toISOString()} ${event.type} by ${event.metadata.actor} -> ${summary}`,
      );
    });
  }
}

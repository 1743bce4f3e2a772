import { Inject } from '@nestjs/common';
import { HUB_RUNTIME, type HubRuntime } from '@koppelhub/application';
import { Command, CommandRunner } from 'nest-commander';
import { CLI_OUTPUT, type CliOutput } from '../cli-output';

@Command({
  name: 'rebuild',
  arguments: '[projection]',
  description: 'rebuild a read model (or all) from position 0 into a fresh table and swap it in',
})
export class RebuildCommand extends CommandRunner {
  constructor(
    @Inject(HUB_RUNTIME) private readonly runtime: HubRuntime,
    @Inject(CLI_OUTPUT) private readonly out: CliOutput,
  ) {
    super();
  }

  async run([name]: string[]): Promise<void> {
    const runners = this.runtime.projections.filter((r) => !name || r.projection.name === name);
    if (runners.length === 0) {
      const known = this.runtime.projections.map((r) => r.projection.name).join(', ');
      throw new Error(`unknown projection "${name}"; known: ${known}`);
    }
    for (const runner of runners) {
      const started = Date.now();
      await runner.rebuild();
      await runner.stop();
      this.out.line(`rebuilt ${runner.projection.name} in ${Date.now() - started} ms`);
    }
  }
}

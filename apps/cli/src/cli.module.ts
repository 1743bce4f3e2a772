import { type DynamicModule, Module } from '@nestjs/common';
import { HubApplicationModule, type HubRuntime } from '@koppelhub/application';
import { CLI_OUTPUT, type CliOutput, consoleOutput } from './cli-output';
import { LagCommand } from './commands/lag.command';
import { RebuildCommand } from './commands/rebuild.command';
import { ReplayCommand } from './commands/replay.command';
import { VerifyCommand } from './commands/verify.command';

@Module({})
export class CliModule {
  static forRuntime(runtime: HubRuntime, output: CliOutput = consoleOutput): DynamicModule {
    return {
      module: CliModule,
      imports: [HubApplicationModule.forRuntime(runtime)],
      providers: [{ provide: CLI_OUTPUT, useValue: output }, RebuildCommand, ReplayCommand, LagCommand, VerifyCommand],
    };
  }
}

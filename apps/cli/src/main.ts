import 'reflect-metadata';
import { describeError, HubRuntime, loadSettingsOrExit } from '@koppelhub/application';
import { CommandFactory } from 'nest-commander';
import { CliModule } from './cli.module';

/** Operators and auditors: `koppelhub-cli rebuild|replay|lag|verify` against the configured database. */
async function main(): Promise<void> {
  const runtime = await HubRuntime.start(loadSettingsOrExit(console), { projections: false });
  try {
    await CommandFactory.run(CliModule.forRuntime(runtime), {
      logger: ['error'],
      // A command that fails says why and exits non-zero, so scripts and schedulers notice.
      serviceErrorHandler: (error) => {
        console.error(error.message || describeError(error));
        process.exitCode = 1;
      },
    });
  } finally {
    await runtime.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message || describeError(error) : String(error));
  process.exit(1);
});

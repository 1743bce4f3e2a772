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
        console.error(reasonOf(error));
        process.exitCode = 1;
      },
    });
  } finally {
    await runtime.stop();
  }
}

/** What an operator is told: the message (a stack only when there is none, as for a refused connection). */
function reasonOf(error: unknown): string {
  return error instanceof Error && error.message ? error.message : describeError(error);
}

main().catch((error: unknown) => {
  console.error(reasonOf(error));
  process.exit(1);
});

import { Inject } from '@nestjs/common';
import { HUB_RUNTIME, type HubRuntime } from '@koppelhub/application';
import { ChainVerifier } from '@koppelhub/eventstore';
import { Command, CommandRunner, Option } from 'nest-commander';
import { CLI_OUTPUT, type CliOutput } from '../cli-output';

@Command({ name: 'verify', description: 'check the hash chains and anchors; --anchor records a new anchor first' })
export class VerifyCommand extends CommandRunner {
  constructor(
    @Inject(HUB_RUNTIME) private readonly runtime: HubRuntime,
    @Inject(CLI_OUTPUT) private readonly out: CliOutput,
  ) {
    super();
  }

  @Option({ flags: '--anchor', description: 'record an anchor over the log as it stands' })
  parseAnchor(): boolean {
    return true;
  }

  async run(_: string[], options: { anchor?: boolean } = {}): Promise<void> {
    const verifier = new ChainVerifier(this.runtime.database.pool);
    if (options.anchor) {
      const anchor = await verifier.anchor();
      this.out.line(`anchor ${anchor.anchorId} up to ${anchor.upToPosition}: ${anchor.digest}`);
    }
    const report = await verifier.verify();
    this.out.line(
      report.ok
        ? `chains ok: ${report.checkedEvents} events`
        : `chain BROKEN at position ${report.firstBroken?.position} (${report.firstBroken?.stream} v${report.firstBroken?.version}): ${report.firstBroken?.reason}`,
    );
    const anchors = await verifier.verifyAnchors();
    for (const anchor of anchors) {
      this.out.line(`anchor ${anchor.anchorId} up to ${anchor.upToPosition}: ${anchor.ok ? 'ok' : 'MISMATCH'}`);
    }
    // A broken chain or an anchor the log no longer matches: what verify exists to catch.
    if (!report.ok || anchors.some((anchor) => !anchor.ok)) process.exitCode = 2;
  }
}

import { Inject } from '@nestjs/common';
import { HUB_RUNTIME, type HubRuntime } from '@koppelhub/application';
import { ChainVerifier } from '@koppelhub/eventstore';
import { Command, CommandRunner, Option } from 'nest-commander';
import { CLI_OUTPUT, type CliOutput } from '../cli-output';

@Command({ name: 'verify', description: 'check the hash chains and anchors; --anchor then records a new anchor, if they hold' })
export class VerifyCommand extends CommandRunner {
  constructor(
    @Inject(HUB_RUNTIME) private readonly runtime: HubRuntime,
    @Inject(CLI_OUTPUT) private readonly out: CliOutput,
  ) {
    super();
  }

  @Option({ flags: '--anchor', description: 'record an anchor over the log as it stands, once it verifies' })
  parseAnchor(): boolean {
    return true;
  }

  async run(_: string[], options: { anchor?: boolean } = {}): Promise<void> {
    const verifier = new ChainVerifier(this.runtime.database.pool);
    const report = await verifier.verify();
    this.out.line(
      report.ok
        ? `chains ok: ${report.checkedEvents} events`
        : `chain BROKEN at position ${report.firstBroken?.position} (${report.firstBroken?.stream} v${report.firstBroken?.version}): ${report.firstBroken?.reason}`,
    );
    let anchors = await verifier.verifyAnchors();
    const sound = report.ok && anchors.every((anchor) => anchor.ok);
    if (options.anchor && sound) {
      const anchor = await verifier.anchor();
      this.out.line(`anchor ${anchor.anchorId} up to ${anchor.upToPosition}: ${anchor.digest}`);
      anchors = await verifier.verifyAnchors();
    } else if (options.anchor) {
      // An anchor seals the log as it stands: a log that does not verify is not sealed.
      this.out.line('no anchor recorded: the log does not verify');
    }
    for (const anchor of anchors) {
      this.out.line(`anchor ${anchor.anchorId} up to ${anchor.upToPosition}: ${anchor.ok ? 'ok' : 'MISMATCH'}`);
    }
    // A broken chain or an anchor the log no longer matches: what verify exists to catch.
    if (!sound) process.exitCode = 2;
  }
}

import { Command } from '@nestjs/cqrs';
import type { PackageName } from '@koppelhub/domain';
import type { CommandMetadata } from '../commands/command-metadata';
import type { CommandResult } from '../commands/command-result';

/** Package switches (koppelingen) and the debtor number the accounting and hours packages need. */
export class SwitchPackagesCommand extends Command<CommandResult> {
  constructor(
    readonly clientId: string,
    readonly packages: PackageName[],
    readonly debtorNumber: string | undefined,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}

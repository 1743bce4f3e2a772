import { Command } from '@nestjs/cqrs';
import type { CommandMetadata } from '../commands/command-metadata';
import type { CommandResult } from '../commands/command-result';

export interface ErasureResult extends CommandResult {
  /** The subjects whose keys this command destroyed (none on a repeat). */
  erasedSubjects: string[];
  erasedOn: string;
}

/** Erase the personal data of an ended client relationship after retention (crypto-shredding). */
export class ErasePersonalDataCommand extends Command<ErasureResult> {
  constructor(
    readonly clientId: string,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}

import { Command } from '@nestjs/cqrs';
import type { CommandMetadata } from '../commands/command-metadata';

/** Someone was shown personal data unmasked: recorded before the answer leaves the hub. */
export class RecordPersonalDataRevealCommand extends Command<{ position: number }> {
  constructor(
    readonly clientId: string,
    readonly fields: readonly string[],
    /** Which view showed it, e.g. `GET /api/clients/:id`. */
    readonly view: string,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}

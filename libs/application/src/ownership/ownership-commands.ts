import { Command } from '@nestjs/cqrs';
import type { CommandMetadata } from '../commands/command-metadata';

export interface OwnershipCommandResult {
  ownershipId: string;
  position: number;
  changed: boolean;
}

export class RecordOwnershipCommand extends Command<OwnershipCommandResult> {
  constructor(
    readonly ownerId: string,
    readonly ownedId: string,
    readonly percent: number,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}

export class RemoveOwnershipCommand extends Command<OwnershipCommandResult> {
  constructor(
    readonly ownershipId: string,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}

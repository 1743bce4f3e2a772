import { Command } from '@nestjs/cqrs';
import type { CommandMetadata } from '../commands/command-metadata';
import type { CommandResult } from '../commands/command-result';

/** Relation commands name the client they change and, to set a relation, the other client. */
abstract class RelationCommand extends Command<CommandResult> {
  constructor(
    readonly clientId: string,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}

abstract class RelationToCommand extends RelationCommand {
  constructor(
    clientId: string,
    readonly otherId: string,
    metadata: CommandMetadata,
  ) {
    super(clientId, metadata);
  }
}

export class SetInvoiceToCommand extends RelationToCommand {}
export class ClearInvoiceToCommand extends RelationCommand {}
export class SetCorrespondenceCompanyCommand extends RelationToCommand {}
export class ClearCorrespondenceCompanyCommand extends RelationCommand {}
export class LinkPartnerCommand extends RelationToCommand {}
export class UnlinkPartnerCommand extends RelationCommand {}
export type AnyRelationCommand = RelationCommand;

import { Command } from '@nestjs/cqrs';
import type { CommandMetadata } from '../commands/command-metadata';
import type { CommandResult } from '../commands/command-result';

/** The cluster commands all name one client (and, to attach, a head). */
export abstract class ClusterCommand extends Command<CommandResult> {
  constructor(
    readonly clientId: string,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}

export class DesignateClusterHeadCommand extends ClusterCommand {}
export class RevokeClusterHeadCommand extends ClusterCommand {}
export class DetachClusterMemberCommand extends ClusterCommand {}

export class AttachClusterMemberCommand extends ClusterCommand {
  constructor(
    clientId: string,
    readonly headId: string,
    metadata: CommandMetadata,
  ) {
    super(clientId, metadata);
  }
}

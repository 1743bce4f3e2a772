import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type ClientKind, clientStream, decideRecordWwftRegistration, uboClientIdsOf, type WwftRegistration } from '@koppelhub/domain';
import type { EventStore } from '@koppelhub/eventstore';
import { decideAndAppend } from '../../commands/append-decision';
import { clientEventStream } from '../../commands/client-event-stream';
import { loadClient } from '../../commands/client-streams';
import { loadClientFile } from '../../commands/client-file';
import { decisionTimeOf } from '../../commands/command-metadata';
import { type CommandResult, commandResult } from '../../commands/command-result';
import { HUB_RUNTIME, EVENT_STORE } from '../../runtime/tokens';
import type { HubRuntime } from '../../runtime/hub-runtime';
import { reviewPolicyOf } from '../../settings/review-policy.settings';
import { UBO_SOURCE, type UboSource } from '../../ubos/ubo-source.port';
import { RecordWwftRegistrationCommand } from './record-wwft-registration.command';

@CommandHandler(RecordWwftRegistrationCommand)
export class RecordWwftRegistrationHandler implements ICommandHandler<RecordWwftRegistrationCommand, CommandResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(HUB_RUNTIME) private readonly runtime: HubRuntime,
    @Inject(UBO_SOURCE) private readonly ubos: UboSource,
  ) {}

  async execute({ clientId, registration, metadata }: RecordWwftRegistrationCommand): Promise<CommandResult> {
    const complete = await this.prefilled(clientId, registration);
    const context = {
      now: decisionTimeOf(metadata),
      reviewPolicy: reviewPolicyOf(this.runtime.settings),
      uboClients: await this.kindsOf(uboClientIdsOf(complete)),
    };
    const result = await decideAndAppend(this.store, metadata, clientEventStream, async () => {
      const file = await loadClientFile(this.store, clientId);
      return {
        events: decideRecordWwftRegistration(
          { type: 'RecordWwftRegistration', data: { clientId, registration: complete } },
          file.client,
          file.dossier,
          context,
        ),
        versions: new Map([[clientStream(clientId), file.version]]),
      };
    });
    return commandResult(clientId, result);
  }

  /** A client's kind never changes once registered, so it is read once, outside the retried decision. */
  private async kindsOf(clientIds: readonly string[]): Promise<Map<string, ClientKind>> {
    const clients = await Promise.all(clientIds.map(async (id) => [id, (await loadClient(this.store, id)).state] as const));
    return new Map(clients.flatMap(([id, state]): Array<[string, ClientKind]> => (state.exists ? [[id, state.kind]] : [])));
  }

  /** UBOs not given are taken from the ownership structure, when there is one; checks stay to be done. */
  private async prefilled(clientId: string, registration: WwftRegistration): Promise<WwftRegistration> {
    if (registration.ubos !== undefined) return registration;
    const derived = await this.ubos.ubosOf(clientId);
    return derived?.length ? { ...registration, ubos: derived } : registration;
  }
}

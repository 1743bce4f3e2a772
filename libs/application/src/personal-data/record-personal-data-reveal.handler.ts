import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { personalDataAccessStream, type PersonalDataRevealed } from '@koppelhub/domain';
import type { EventStore } from '@koppelhub/eventstore';
import { derivedId } from '../commands/command-metadata';
import { EVENT_STORE } from '../runtime/tokens';
import { RecordPersonalDataRevealCommand } from './record-personal-data-reveal.command';

/**
 * Appends the reveal to the client's access stream (not the client's own: reads must not bump the
 * client's version and make its commands conflict). Any version: reads never conflict with reads.
 */
@CommandHandler(RecordPersonalDataRevealCommand)
export class RecordPersonalDataRevealHandler implements ICommandHandler<RecordPersonalDataRevealCommand, { position: number }> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ clientId, fields, view, metadata }: RecordPersonalDataRevealCommand): Promise<{ position: number }> {
    const event: PersonalDataRevealed = { type: 'PersonalDataRevealed', data: { clientId, fields: [...fields], view } };
    const result = await this.store.append([
      {
        stream: personalDataAccessStream(clientId),
        expectedVersion: 'any',
        events: [{ id: derivedId(metadata.commandId, 'reveal'), type: event.type, data: event.data, metadata: { ...metadata } }],
      },
    ]);
    return { position: result.events[0]?.position ?? 0 };
  }
}

import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  calendarDateOf,
  clientStream,
  clientSubject,
  contactIdOfSubject,
  decideErasePersonalData,
  foldAcceptance,
} from '@koppelhub/domain';
import type { EventStore, SubjectKeys } from '@koppelhub/eventstore';
import { decideAndAppend } from '../commands/append-decision';
import { clientEventStream } from '../commands/client-event-stream';
import { loadClient } from '../commands/client-streams';
import { commandResult } from '../commands/command-result';
import { IdempotencyStore } from '../idempotency/idempotency.store';
import { CLOCK, type Clock } from '../runtime/clock';
import { EVENT_STORE } from '../runtime/tokens';
import { ErasePersonalDataCommand, type ErasureResult } from './erase-personal-data.command';
import { SUBJECT_KEYS } from './personal-data.tokens';

/**
 * Decides over the client's stream (status, end date, retention) and the keys in its scope, destroys
 * the keys, then appends the erasure. Keys go first: should the append fail, the data is already
 * unreadable and a retry (the decision sees the keys gone, not the event) appends what is missing.
 */
@CommandHandler(ErasePersonalDataCommand)
export class ErasePersonalDataHandler implements ICommandHandler<ErasePersonalDataCommand, ErasureResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SUBJECT_KEYS) private readonly keys: SubjectKeys,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly answers: IdempotencyStore,
  ) {}

  async execute({ clientId, metadata }: ErasePersonalDataCommand): Promise<ErasureResult> {
    // The hub's clock, not the request: retention ends by the hub's calendar.
    const today = calendarDateOf(this.clock.now());
    const scope = clientSubject(clientId);
    let erasedSubjects: string[] = [];
    const result = await decideAndAppend(this.store, metadata, clientEventStream, async () => {
      const client = await loadClient(this.store, clientId);
      const events = decideErasePersonalData(
        { type: 'ErasePersonalData', data: { clientId, today } },
        { client: client.state, acceptance: foldAcceptance(client.events), keys: await this.keys.inScope(scope) },
      );
      erasedSubjects = events.flatMap((event) => event.data.subjects);
      await this.keys.erase(erasedSubjects, scope);
      return { events, versions: new Map([[clientStream(clientId), client.version]]) };
    });
    // Stored answers to earlier commands hold the cards in clear; on every run, so a retry finishes it.
    const contactIds = (await this.keys.inScope(scope)).map((k) => contactIdOfSubject(k.subject)).filter((id): id is string => !!id);
    await this.answers.forgetAnswersMentioning([clientId, ...contactIds]);
    return { ...commandResult(clientId, result), erasedSubjects, erasedOn: today };
  }
}

import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  calendarDateOf,
  clientStream,
  clientSubject,
  contactIdsOf,
  decideErasePersonalData,
  erasedSubjectsOf,
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
 * Decides over the client's stream (status, end date, retention, erasures already recorded) and
 * the keys in its scope, appends the erasure, then destroys the keys of every subject the stream
 * records as erased. The log is the truth: a crash after the append leaves the keys to the next
 * run, which finds the erasure recorded and finishes destroying them.
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
    let inScope: string[] = [];
    let erasedSubjects: string[] = [];
    let recorded: string[] = [];
    const result = await decideAndAppend(this.store, metadata, clientEventStream, async () => {
      const client = await loadClient(this.store, clientId);
      inScope = (await this.keys.inScope(scope)).map((key) => key.subject);
      const already = client.events.flatMap(erasedSubjectsOf);
      const events = decideErasePersonalData(
        { type: 'ErasePersonalData', data: { clientId, today } },
        { client: client.state, acceptance: foldAcceptance(client.events), subjects: inScope, recorded: already },
      );
      erasedSubjects = events.flatMap((event) => event.data.subjects);
      recorded = [...already, ...erasedSubjects];
      return { events, versions: new Map([[clientStream(clientId), client.version]]) };
    });
    await this.keys.erase(recorded, scope);
    // Stored answers to earlier commands hold the cards in clear; on every run, so a retry finishes it.
    await this.answers.forgetAnswersMentioning([clientId, ...contactIdsOf(inScope)]);
    return { ...commandResult(clientId, result), erasedSubjects, erasedOn: today };
  }
}

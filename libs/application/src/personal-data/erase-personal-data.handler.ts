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
import { appendResult, type AppendResult, EventIdReused, type EventStore, type SubjectKeys } from '@koppelhub/eventstore';
import { decideAndAppend } from '../commands/append-decision';
import { clientEventStream } from '../commands/client-event-stream';
import { loadClient } from '../commands/client-streams';
import { type CommandMetadata, derivedId } from '../commands/command-metadata';
import { commandResult } from '../commands/command-result';
import { IdempotencyStore } from '../idempotency/idempotency.store';
import { CLOCK, type Clock } from '../runtime/clock';
import { EVENT_STORE } from '../runtime/tokens';
import { ErasePersonalDataCommand, type ErasureResult } from './erase-personal-data.command';
import { SUBJECT_KEYS } from './personal-data.tokens';

/** Passes of decide, append and destroy before giving up: the second always finds the scope closed. */
const MAX_PASSES = 3;

interface Pass {
  result: AppendResult;
  erasedSubjects: string[];
}

/**
 * Decides over the client's stream (status, end date, retention, erasures already recorded) and
 * the keys in its scope, appends the erasure, then destroys the keys of every subject the stream
 * records as erased. The log is the truth: a crash after the append leaves the keys to the next
 * run, which finds the erasure recorded and finishes destroying them.
 *
 * A contact registered at the client while the erasure read its scope has a key the decision did
 * not name. Destroying waits for keys being made in the scope and closes it (no key is made once
 * the client's own subject is erased), so a look at the scope afterwards finds every such key; a
 * further pass, under a command id derived from this one and those subjects, records and destroys
 * them. No key is destroyed that the log does not record as erased.
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
    const erasedSubjects: string[] = [];
    let position = 0;
    let changed = false;
    let passMetadata = metadata;
    for (let pass = 1; ; pass++) {
      const done = await this.erasePass(clientId, today, passMetadata);
      erasedSubjects.push(...done.erasedSubjects);
      const outcome = commandResult(clientId, done.result);
      if (outcome.position > 0) position = outcome.position;
      changed ||= outcome.changed;
      const scope = await this.keys.inScope(clientSubject(clientId));
      const missed = scope.filter((key) => !key.erased);
      if (missed.length === 0) {
        // Stored answers to earlier commands hold the cards in clear; on every run, so a retry finishes it.
        await this.answers.forgetAnswersMentioning([clientId, ...contactIdsOf(scope.map((key) => key.subject))]);
        return { clientId, position, changed, erasedSubjects: erasedSubjects.sort(), erasedOn: today };
      }
      if (pass === MAX_PASSES) throw new Error(`erasure of ${clientId}: keys still made in its scope after ${pass} passes`);
      // Named after what it erases: a run of this command sent again that finds the same keys
      // missed finds its pass stored; one that finds others appends a pass of its own.
      const missedSubjects = missed.map((key) => key.subject).sort();
      passMetadata = { ...metadata, commandId: derivedId(metadata.commandId, `erasure-of:${missedSubjects.join(',')}`) };
    }
  }

  private async erasePass(clientId: string, today: string, metadata: CommandMetadata): Promise<Pass> {
    const scope = clientSubject(clientId);
    let erasedSubjects: string[] = [];
    let recorded: string[] = [];
    let result: AppendResult | undefined;
    try {
      result = await decideAndAppend(this.store, metadata, clientEventStream, async () => {
        const client = await loadClient(this.store, clientId);
        const subjects = (await this.keys.inScope(scope)).map((key) => key.subject);
        const already = client.events.flatMap(erasedSubjectsOf);
        const events = decideErasePersonalData(
          { type: 'ErasePersonalData', data: { clientId, today } },
          { client: client.state, acceptance: foldAcceptance(client.events), subjects, recorded: already },
        );
        erasedSubjects = events.flatMap((event) => event.data.subjects);
        recorded = [...already, ...erasedSubjects];
        return { events, versions: new Map([[clientStream(clientId), client.version]]) };
      });
    } catch (error) {
      // The ids are an earlier run's, which decided otherwise: its stored pass is followed below.
      if (!(error instanceof EventIdReused)) throw error;
    }
    if (!result || result.alreadyAppended) {
      // An earlier run of this command stored its pass, and may have decided on fewer subjects (a
      // contact registered since): destroy what the log records, not this decision.
      const stored = await loadClient(this.store, clientId);
      const pass = stored.events.filter((event) => event.metadata.commandId === metadata.commandId);
      recorded = stored.events.flatMap(erasedSubjectsOf);
      erasedSubjects = pass.flatMap(erasedSubjectsOf);
      result = appendResult(pass, true);
    }
    await this.keys.erase(recorded, scope);
    return { result, erasedSubjects };
  }
}

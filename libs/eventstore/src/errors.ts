/** A stream was not at the version the writer read: nothing was written. */
export class WrongExpectedVersion extends Error {
  constructor(
    readonly stream: string,
    readonly expected: number | 'no_stream',
    readonly actual: number,
  ) {
    super(`stream ${stream} is at version ${actual}, expected ${expected === 'no_stream' ? 'no stream' : expected}`);
    this.name = 'WrongExpectedVersion';
  }
}

/** A subscription had not handled a position by the time its caller would wait no longer. */
export class PositionNotReached extends Error {
  constructor(
    readonly subscriptionId: string,
    readonly position: number,
    readonly timeoutMs: number,
  ) {
    super(`subscription ${subscriptionId} did not reach position ${position} within ${timeoutMs} ms`);
    this.name = 'PositionNotReached';
  }
}

/** The subscription stopped (a rebuild's swap, a shutdown) while a caller waited for a position. */
export class SubscriptionStopped extends PositionNotReached {
  constructor(subscriptionId: string, position: number) {
    super(subscriptionId, position, 0);
    this.message = `subscription ${subscriptionId} stopped before it reached position ${position}`;
    this.name = 'SubscriptionStopped';
  }
}

/** Some, but not all, of an append's event ids were stored before: a caller bug, not a retry. */
export class PartiallyDuplicateAppend extends Error {
  constructor(readonly eventIds: string[]) {
    super(`append mixes stored and new event ids (${eventIds.length} events)`);
    this.name = 'PartiallyDuplicateAppend';
  }
}

/**
 * An append's event id is stored already, but as another event (another stream, type or data): the
 * append derived the same ids as an earlier one (a repeated command that decided differently this
 * time) yet is no retry of it. Nothing was written. Names the id, streams and types only, never the
 * data, which may be personal.
 */
export class EventIdReused extends Error {
  constructor(
    readonly eventId: string,
    /** What the log holds under the id. */
    readonly stored: { stream: string; type: string },
    /** What the append asked to store under it. */
    readonly requested: { stream: string; type: string },
  ) {
    const same = stored.stream === requested.stream && stored.type === requested.type;
    super(
      `event id ${eventId} is stored as ${stored.type} in ${stored.stream}; this append asks for ` +
        `${requested.type} in ${requested.stream}${same ? ' with other data' : ''}, so it is no retry of the append that stored it`,
    );
    this.name = 'EventIdReused';
  }
}

/**
 * The log holds transaction ids the database has not reached: it was restored into another cluster
 * from a logical dump (or copied across). Delivery order is by transaction id, so every new event
 * would sort below the checkpoints and no subscription would ever see it.
 */
export class TransactionIdsBehindLog extends Error {
  constructor() {
    super(
      "the database's transaction ids are behind the event log's (restored from a logical dump?): " +
        'subscriptions would skip every new event; restore from a physical backup, or upgrade with pg_upgrade',
    );
    this.name = 'TransactionIdsBehindLog';
  }
}

/**
 * The log's position sequence hands out several numbers to a session at once (`CACHE`): the last
 * value read would run ahead of the positions taken, and an audit read could pass an append in
 * flight for good (see settledPosition).
 */
export class PositionSequenceCached extends Error {
  constructor(
    readonly sequence: string,
    readonly cache: number,
  ) {
    super(`the event log's position sequence ${sequence} caches ${cache} numbers per session; set it back with: alter sequence ${sequence} cache 1`);
    this.name = 'PositionSequenceCached';
  }
}

/** An append held the event log open for longer than an audit read would wait for it to end. */
export class LogNotSettled extends Error {
  constructor(readonly waitedMs: number) {
    super(`an append has been writing to the event log for more than ${waitedMs} ms; try again`);
    this.name = 'LogNotSettled';
  }
}

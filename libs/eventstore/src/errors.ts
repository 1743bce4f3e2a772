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

/** Some, but not all, of an append's event ids were stored before: a caller bug, not a retry. */
export class PartiallyDuplicateAppend extends Error {
  constructor(readonly eventIds: string[]) {
    super(`append mixes stored and new event ids (${eventIds.length} events)`);
    this.name = 'PartiallyDuplicateAppend';
  }
}

import type { ClientBase } from 'pg';

/** The part of pg's connection a COPY FROM STDIN drives (not in pg's published types). */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

/**
 * `COPY … FROM STDIN` with the whole payload at once, as pg runs any query object that submits
 * itself: pg hands it the connection and passes on the server's answers. Errors reject at once
 * (pg forgets the query on an error message and never reports its ready-for-query), success
 * resolves with the rows copied once the server is ready again.
 */
class CopyIn {
  readonly done: Promise<number>;
  private resolve!: (rows: number) => void;
  private reject!: (error: unknown) => void;
  private rows = 0;

  constructor(
    private readonly statement: string,
    private readonly payload: Buffer,
  ) {
    this.done = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  submit(connection: CopyConnection): void {
    connection.query(this.statement);
  }

  handleCopyInResponse(connection: CopyConnection): void {
    connection.sendCopyFromChunk(this.payload);
    connection.endCopyFrom();
  }

  handleCommandComplete(message: { text: string }): void {
    this.rows = Number(message.text.split(' ').pop());
  }

  handleReadyForQuery(): void {
    this.resolve(this.rows);
  }

  handleError(error: unknown): void {
    this.reject(error);
  }
}

/**
 * Copies COPY text-format lines into a table on a server connection; answers the rows copied.
 * About twice as fast on the server as an INSERT … SELECT of the same rows from JSON. The embedded
 * database's socket does not speak the COPY sub-protocol: callers there insert instead.
 */
export async function copyIn(client: ClientBase, statement: string, lines: string): Promise<number> {
  const copy = new CopyIn(statement, Buffer.from(lines, 'utf8'));
  // `as never`: pg's types take a Submittable with `submit(Connection)`, whose Connection lacks the
  // copy methods this object uses; pg passes the real connection, which has them.
  client.query(copy as never);
  return copy.done;
}

import type { ClientBase } from 'pg';

/** The part of pg's connection a COPY FROM STDIN drives (not in pg's published types). */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

type Settle = (error: Error | null, rows?: number) => void;

/**
 * `COPY … FROM STDIN` with the whole payload at once, as pg runs any query object that submits
 * itself: pg hands it the connection and passes on the server's answers. It settles through
 * `callback`, as pg's own queries do, so pg's read timeout (which wraps the callback) is cleared
 * and reported alike. An error message settles at once: pg forgets the query on it and never
 * reports its ready-for-query.
 */
class CopyIn {
  readonly done: Promise<number>;
  callback: Settle;
  private rows = 0;
  /** An answer no COPY FROM STDIN gives (rows, an empty query): reported once the server is ready. */
  private unexpected?: Error;

  constructor(
    private readonly statement: string,
    private readonly payload: Buffer,
  ) {
    let settle!: Settle;
    this.done = new Promise((resolve, reject) => {
      settle = (error, rows) => (error ? reject(error) : resolve(rows ?? 0));
    });
    this.callback = settle;
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
    this.callback(this.unexpected ?? null, this.rows);
  }

  handleError(error: Error): void {
    this.callback(error);
  }

  handleRowDescription(): void {
    this.refuse();
  }

  handleDataRow(): void {
    this.refuse();
  }

  handleCopyData(): void {
    this.refuse();
  }

  handleEmptyQuery(): void {
    this.refuse();
  }

  handlePortalSuspended(): void {
    this.refuse();
  }

  private refuse(): void {
    this.unexpected ??= new Error(`not a single COPY … FROM STDIN: ${this.statement}`);
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

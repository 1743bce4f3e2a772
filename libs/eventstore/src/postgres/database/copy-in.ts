import type { ClientBase } from 'pg';

/** The part of pg's connection a COPY FROM STDIN drives (not in pg's published types). */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

type Settle = (error: Error | null, rows?: number) => void;

/** What a query sent through `Flight` may answer besides its COPY: rows of the statements around it. */
type Answers = 'copy only' | 'rows allowed';

/**
 * Statements sent as one simple query, with the lines for a COPY … FROM STDIN among them right
 * behind it: the server takes them once the COPY asks, and drops them unread when a statement
 * before it failed (the protocol's rule for copy data outside a COPY), so nothing waits for the
 * server to ask. pg hands this query object the connection and passes on the server's answers. It
 * settles through `callback`, as pg's own queries do, so pg's read timeout (which wraps the
 * callback) is cleared and reported alike. An error message settles at once: pg forgets the query
 * on it and never reports its ready-for-query.
 */
class Flight {
  readonly done: Promise<number>;
  callback: Settle;
  private rows = 0;
  /** An answer the caller did not expect (rows, an empty query): reported once the server is ready. */
  private unexpected?: Error;

  constructor(
    private readonly text: string,
    private readonly payload: Buffer | undefined,
    private readonly answers: Answers,
  ) {
    let settle!: Settle;
    this.done = new Promise((resolve, reject) => {
      settle = (error, rows) => (error ? reject(error) : resolve(rows ?? 0));
    });
    this.callback = settle;
  }

  submit(connection: CopyConnection): void {
    connection.query(this.text);
    if (!this.payload) return;
    connection.sendCopyFromChunk(this.payload);
    connection.endCopyFrom();
  }

  handleCopyInResponse(): void {
    // The lines went with the query.
  }

  handleCommandComplete(message: { text: string }): void {
    if (message.text.startsWith('COPY ')) this.rows = Number(message.text.slice('COPY '.length));
  }

  handleReadyForQuery(): void {
    this.callback(this.unexpected ?? null, this.rows);
  }

  handleError(error: Error): void {
    this.callback(error);
  }

  handleRowDescription(): void {
    if (this.answers === 'copy only') this.refuse();
  }

  handleDataRow(): void {
    if (this.answers === 'copy only') this.refuse();
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
    this.unexpected ??= new Error(`not the statements sent: ${this.text.slice(0, 200)}`);
  }
}

const COPY_FROM_STDIN = /^copy\s[^;]*\sfrom\s+stdin$/i;

function flown(client: ClientBase, text: string, lines: string | undefined, answers: Answers): Promise<number> {
  const flight = new Flight(text, lines === undefined ? undefined : Buffer.from(lines, 'utf8'), answers);
  // `as never`: pg's types take a Submittable with `submit(Connection)`, whose Connection lacks the
  // copy methods this object uses; pg passes the real connection, which has them.
  client.query(flight as never);
  return flight.done;
}

/**
 * Copies COPY text-format lines into a table on a server connection; answers the rows copied.
 * About twice as fast on the server as an INSERT … SELECT of the same rows from JSON. The embedded
 * database's socket does not speak the COPY sub-protocol: callers there insert instead.
 */
export async function copyIn(client: ClientBase, statement: string, lines: string): Promise<number> {
  if (!COPY_FROM_STDIN.test(statement.trim())) throw new Error(`not a single COPY … FROM STDIN: ${statement}`);
  return flown(client, statement, lines, 'copy only');
}

/** What `runInOneFlight` sends: statements, and at most one COPY … FROM STDIN with its lines among them. */
export interface OneFlight {
  before: readonly string[];
  copy?: { statement: string; lines: string };
  after?: readonly string[];
}

/**
 * Runs statements as one transaction in one round trip, on a server connection outside any
 * transaction: sent as one simple query, which the server runs as one implicit transaction, with
 * the COPY's lines right behind it. Either every statement takes effect or none does; answers the
 * rows copied. Statements take no parameters here: values go in as literals (`escapeLiteral`).
 * Meant for writers whose transaction waits on a busy main thread at every round trip.
 */
export async function runInOneFlight(client: ClientBase, flight: OneFlight): Promise<number> {
  const statements = [...flight.before];
  if (flight.copy) {
    if (!COPY_FROM_STDIN.test(flight.copy.statement.trim())) throw new Error(`not a single COPY … FROM STDIN: ${flight.copy.statement}`);
    statements.push(flight.copy.statement);
  }
  statements.push(...(flight.after ?? []));
  if (statements.some((statement) => /^\s*(begin|start|commit|end|rollback|abort)\b/i.test(statement))) {
    throw new Error('a flight is one transaction of its own: it takes no transaction control');
  }
  return flown(client, statements.join(';\n'), flight.copy?.lines, 'rows allowed');
}

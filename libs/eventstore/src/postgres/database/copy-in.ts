import type { ClientBase } from 'pg';

/** The part of pg's connection a COPY FROM STDIN drives (not in pg's published types). */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

type Settle = (error: Error | null, rows?: number) => void;

/**
 * Statements sent as one simple query, with the lines for each COPY … FROM STDIN among them right
 * behind it: the server takes them once a COPY asks, and drops them unread when a statement
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
  /** An answer no statement sent gives (copy data out, an empty query): reported once the server is ready. */
  private unexpected?: Error;

  constructor(
    private readonly text: string,
    /** The lines of each COPY … FROM STDIN in the text, in order. */
    private readonly payloads: readonly Buffer[],
  ) {
    let settle!: Settle;
    this.done = new Promise((resolve, reject) => {
      settle = (error, rows) => (error ? reject(error) : resolve(rows ?? 0));
    });
    this.callback = settle;
  }

  submit(connection: CopyConnection): void {
    connection.query(this.text);
    for (const payload of this.payloads) {
      connection.sendCopyFromChunk(payload);
      connection.endCopyFrom();
    }
  }

  handleCopyInResponse(): void {
    // The lines went with the query.
  }

  handleCommandComplete(message: { text: string }): void {
    if (message.text.startsWith('COPY ')) this.rows += Number(message.text.slice('COPY '.length));
  }

  handleReadyForQuery(): void {
    this.callback(this.unexpected ?? null, this.rows);
  }

  handleError(error: Error): void {
    this.callback(error);
  }

  handleRowDescription(): void {
    // Rows of the statements around a COPY (a checkpoint's move) mean nothing here.
  }

  handleDataRow(): void {
    // As above.
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

function flown(client: ClientBase, text: string, lines: readonly string[]): Promise<number> {
  const flight = new Flight(text, lines.map((part) => Buffer.from(part, 'utf8')));
  // `as never`: pg's types take a Submittable with `submit(Connection)`, whose Connection lacks the
  // copy methods this object uses; pg passes the real connection, which has them.
  client.query(flight as never);
  return flight.done;
}

function assertCopyFromStdin(statement: string): void {
  if (!COPY_FROM_STDIN.test(statement.trim())) throw new Error(`not a single COPY … FROM STDIN: ${statement}`);
}

/**
 * Copies COPY text-format lines into a table on a server connection; answers the rows copied.
 * About twice as fast on the server as an INSERT … SELECT of the same rows from JSON. The embedded
 * database's socket does not speak the COPY sub-protocol: callers there insert instead.
 */
export async function copyIn(client: ClientBase, statement: string, lines: string): Promise<number> {
  assertCopyFromStdin(statement);
  return flown(client, statement, [lines]);
}

/** A COPY … FROM STDIN among a flight's statements, with its lines in COPY text format. */
export interface CopyStep {
  copy: string;
  lines: string;
}

/**
 * Runs statements as one transaction in one round trip, on a server connection outside any
 * transaction: sent as one simple query, which the server runs as one implicit transaction, with
 * each COPY's lines right behind it. Either every statement takes effect or none does; answers the
 * rows copied. Statements take no parameters here: values go in as literals (`escapeLiteral`), and
 * the server writes a failed statement's text to its log, so data that must stay out of logs goes
 * as COPY lines. Meant for writers whose transaction waits on a busy main thread at every round trip.
 */
export async function runInOneFlight(client: ClientBase, steps: ReadonlyArray<string | CopyStep>): Promise<number> {
  const statements: string[] = [];
  const lines: string[] = [];
  for (const step of steps) {
    if (typeof step === 'string') {
      if (/^\s*(begin|start|commit|end|rollback|abort)\b/i.test(step)) {
        throw new Error('a flight is one transaction of its own: it takes no transaction control');
      }
      // Its lines would never come: the server would wait for them, and the flight with it.
      if (COPY_FROM_STDIN.test(step.trim())) throw new Error(`a COPY … FROM STDIN goes as a copy step, with its lines: ${step}`);
      statements.push(step);
    } else {
      assertCopyFromStdin(step.copy);
      statements.push(step.copy);
      lines.push(step.lines);
    }
  }
  return flown(client, statements.join(';\n'), lines);
}

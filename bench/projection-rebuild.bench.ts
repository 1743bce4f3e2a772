import { randomUUID } from 'node:crypto';
import { HubRuntime, loadSettings } from '@koppelhub/application';
import { contactStream, OWNERSHIP_STRUCTURE_STREAM } from '@koppelhub/domain';
import { type NewEvent, READ_ALL_SQL, READ_FOR_FOLD_SQL, type StreamAppend } from '@koppelhub/eventstore';
import { PROJECTION_BATCH_SIZE, type ProjectionRunner } from '@koppelhub/projections';
import type { Pool } from 'pg';
import { startPhase } from './phase-meter';
import { BENCH_PERSONAL_DATA_KEY, freshDatabase, median, printTable, rate, serverUrl } from './support';
import type { TargetReport } from './targets';

/** The events client search folds; cluster moves, contacts and ownerships come on top of them. */
const DEFAULT_EVENTS = 100_000;
const EVENTS = Number(process.env.BENCH_EVENTS ?? DEFAULT_EVENTS);
/** Seven rounds: a ratio of one round went anywhere from 0.4 to 0.8 on a 2-core machine, so three gave a shaky median. */
const ROUNDS = Number(process.env.BENCH_REBUILD_ROUNDS ?? 7);

const meta = { actor: 'bench', commandId: 'bench', correlationId: 'bench' };
const event = (type: string, data: Record<string, unknown>): NewEvent => ({ id: randomUUID(), type, data, metadata: meta });
const details = (n: number, edit = 0) => ({
  searchName: `BENCH${n}E${edit}`,
  debtorNumber: `D${n}`,
  company: { legalForm: 'BV', statutoryName: `Bench ${n} B.V.`, tradeName: `Bench ${n}`, rsin: '792376092' },
  address: { street: 'Stationsplein', houseNumber: String(edit + 1), postcode: '3511 ED', city: 'Utrecht', country: 'NL' },
  packages: ['pinkweb', 'twinfield'],
});

/** Per client the five events client search folds: registered, three detail changes, a status change. */
function clientSearchEvents(n: number, clientId: string): NewEvent[] {
  const changed = (edit: number) => event('ClientDetailsChanged', { clientId, details: details(n, edit), changedFields: ['searchName', 'address'] });
  return [
    event('ClientRegistered', { clientId, kind: 'company', clientNumber: `B${n}`, status: 'Prospect', details: details(n) }),
    changed(1),
    changed(2),
    changed(3),
    event('ClientStatusChanged', { clientId, from: 'Prospect', to: 'Klantaanvraag' }),
  ];
}

/**
 * Per client its client-search events together, then its cluster moves, which the cluster view
 * folds (every 10th a head, the others join and every third leaves again).
 */
function clientHistory(n: number, clientId: string, headId: string): NewEvent[] {
  const events = clientSearchEvents(n, clientId);
  if (clientId === headId) events.push(event('ClusterHeadDesignated', { clientId }));
  else events.push(event('JoinedCluster', { clientId, headId }), ...(n % 3 === 0 ? [event('LeftCluster', { clientId, headId })] : []));
  return events;
}

/** Per client one contact with private data: sealed on the way in, opened again by every read of it. */
function contactHistory(n: number, clientId: string): StreamAppend {
  const contactId = randomUUID();
  const contact = {
    name: { initials: 'J.', surname: `Contact${n}` },
    role: 'Directeur',
    email: `contact${n}@bench.nl`,
    private: { email: `contact${n}@prive.nl`, mobile: '0612345678' },
    portal: n % 2 === 0,
  };
  return { stream: contactStream(contactId), expectedVersion: 'no_stream', events: [event('ContactRegistered', { contactId, clientId, contact })] };
}

/** Every cluster member owned wholly by its head, on the one ownership stream. */
const ownedByHead = (clientId: string, headId: string): NewEvent =>
  event('OwnershipRecorded', { ownershipId: randomUUID(), ownerId: headId, ownedId: clientId, percent: 100 });

/**
 * Client search's events as a firm's log holds them: every client registered first, then each
 * changed three times over and moved on in status, a round at a time, so that each batch a
 * rebuild reads touches rows written before (about 100,000 row writes batch by batch, where the
 * contiguous log needs 20,000).
 */
async function appendSpreadLog(runtime: HubRuntime): Promise<void> {
  const histories = Array.from({ length: EVENTS / 5 }, (_, n) => {
    const clientId = randomUUID();
    return { clientId, events: clientSearchEvents(n, clientId) };
  });
  for (let version = 0; version < 5; version++) {
    for (let start = 0; start < histories.length; start += 500) {
      const appends = histories.slice(start, start + 500).map(({ clientId, events }): StreamAppend => ({
        stream: `client-${clientId}`,
        expectedVersion: version === 0 ? 'no_stream' : version,
        events: [events[version]],
      }));
      await runtime.store.append(appends);
    }
  }
}

/** Rebuilding the read models from position 0, against a raw sequential read of the same rows. */
export async function benchProjectionRebuild(targets: TargetReport): Promise<void> {
  const { url, drop } = await freshDatabase(serverUrl(), 'rebuild');
  const runtime = await HubRuntime.start(loadSettings({ DATABASE_URL: url, PERSONAL_DATA_KEY: BENCH_PERSONAL_DATA_KEY }), { projections: false, schema: 'hub' });
  try {
    const clients = EVENTS / 5;
    let headId = '';
    for (let start = 0; start < clients; start += 200) {
      const appends: StreamAppend[] = [];
      const ownerships: NewEvent[] = [];
      for (let n = start; n < Math.min(start + 200, clients); n++) {
        const clientId = randomUUID();
        if (n % 10 === 0) headId = clientId;
        else ownerships.push(ownedByHead(clientId, headId));
        appends.push({ stream: `client-${clientId}`, expectedVersion: 'no_stream', events: clientHistory(n, clientId, headId) });
        appends.push(contactHistory(n, clientId));
      }
      appends.push({ stream: OWNERSHIP_STRUCTURE_STREAM, expectedVersion: 'any', events: ownerships });
      await runtime.store.append(appends);
    }
    const pool = runtime.database.pool;
    await pool.query('vacuum analyze es_events');
    const total = Number((await pool.query('select count(*) from es_events')).rows[0].count);

    const figures: Array<[string, string]> = [[`events in the log`, String(total)]];
    let foldedAll = 0;
    let allSeconds = 0;
    for (const runner of runtime.projections) {
      const measured = await measureRebuild(runner, pool);
      await runner.stop();
      if (!measured) {
        figures.push([`rebuild ${runner.projection.name}`, 'not measured: the log holds none of its events']);
        continue;
      }
      foldedAll += measured.folded;
      allSeconds += measured.seconds;
      if (runner.projection.name === 'client-search') {
        targets.record('rebuildPerRawRead', measured.ratio, EVENTS === DEFAULT_EVENTS);
        targets.record('rebuildRate', measured.folded / measured.seconds, EVENTS === DEFAULT_EVENTS);
      }
      figures.push(...measured.figures);
    }
    figures.push([`rebuild of every measured read model, one after the other`, `${rate(foldedAll, allSeconds)} events/s folded`]);
    printTable(`projection rebuild, PostgreSQL (${total} events in the log; each read model's rate over the events it folds)`, figures);
  } finally {
    await runtime.stop();
    await drop();
  }
}

/** Client search rebuilt over the spread log (`appendSpreadLog`), against its raw read. */
export async function benchSpreadLogRebuild(): Promise<void> {
  const { url, drop } = await freshDatabase(serverUrl(), 'rebuild_spread');
  const runtime = await HubRuntime.start(loadSettings({ DATABASE_URL: url, PERSONAL_DATA_KEY: BENCH_PERSONAL_DATA_KEY }), { projections: false, schema: 'hub' });
  try {
    await appendSpreadLog(runtime);
    await runtime.database.pool.query('vacuum analyze es_events');
    const search = runtime.projections.find((runner) => runner.projection.name === 'client-search');
    if (!search) throw new Error('the hub has no client-search read model');
    const measured = await measureRebuild(search, runtime.database.pool);
    printTable(`projection rebuild, PostgreSQL, a log spread over time (each client's events a round apart)`, measured?.figures ?? []);
  } finally {
    await runtime.stop();
    await drop();
  }
}

/** The raw reads a rebuild is measured against: the statements the store sends, without the hub around them. */
const RAW_READS = {
  /** What a rebuild reads: the events' fold columns (`readForFold`), the baseline of its ratio. */
  folded: { name: 'bench-raw-read-folded', text: READ_FOR_FOLD_SQL },
  /** The same events whole (`readAll`, as the subscription reads them): printed beside it. */
  whole: { name: 'bench-raw-read-whole', text: READ_ALL_SQL },
} as const;

/** Baseline: the rows a read model's rebuild reads, page by page, by one of the store's statements (RAW_READS). */
async function rawRead(pool: Pool, types: readonly string[], statement: { name: string; text: string }): Promise<{ read: number; seconds: number }> {
  const done = startPhase();
  let after = { transactionId: '0', position: 0 };
  let read = 0;
  for (;;) {
    const { rows } = await pool.query<{ transaction_text: string; global_position: string }>({ ...statement, values: [after.transactionId, after.position, PROJECTION_BATCH_SIZE, types, null] });
    if (rows.length === 0) break;
    read += rows.length;
    const last = rows[rows.length - 1];
    after = { transactionId: last.transaction_text, position: Number(last.global_position) };
  }
  return { read, seconds: done().seconds };
}

/**
 * A read model's rebuilds taking turns with raw reads of its rows: the machine's speed drifts
 * within a run, so each ratio is taken within a round and the median of the rounds printed with
 * their range; each rate is the best of its rounds. The ratio's baseline reads what the rebuild
 * reads (each event's fold columns); a read of the same events whole is printed beside it. A first
 * rebuild warms up, printed and not counted: compiling the fold and the read path and planning the
 * statements is a fixed cost that a log of millions of events spreads thin, but over 100k events
 * the first rebuild ran at about two thirds of the later ones. Both sides count the events the read
 * model folds, not the log's: a rebuild skips the other types in its query. Undefined when the log
 * holds none of its events.
 */
async function measureRebuild(
  runner: ProjectionRunner,
  pool: Pool,
): Promise<{ folded: number; seconds: number; ratio: number; figures: Array<[string, string]> } | undefined> {
  const { name, eventTypes } = runner.projection;
  const timedRebuild = async () => {
    const done = startPhase();
    await runner.rebuild();
    return done().seconds;
  };
  const { read: folded } = await rawRead(pool, eventTypes, RAW_READS.folded);
  if (folded === 0) return undefined;
  const coldSeconds = await timedRebuild();
  const rounds: Array<{ raw: number; whole: number; rebuild: number }> = [];
  for (let round = 0; round < ROUNDS; round++) {
    const raw = await rawRead(pool, eventTypes, RAW_READS.folded);
    const whole = await rawRead(pool, eventTypes, RAW_READS.whole);
    rounds.push({ raw: raw.seconds, whole: whole.seconds, rebuild: await timedRebuild() });
  }
  const best = (of: (round: (typeof rounds)[number]) => number) => Math.min(...rounds.map(of));
  const seconds = best((r) => r.rebuild);
  const ratios = rounds.map((r) => r.raw / r.rebuild).sort((a, b) => a - b);
  const wholeRatios = rounds.map((r) => r.whole / r.rebuild);
  return {
    folded,
    seconds,
    ratio: median(ratios),
    figures: [
      [`raw read of the ${folded} events ${name} folds, their fold columns (best of ${ROUNDS})`, `${rate(folded, best((r) => r.raw))} events/s`],
      [`raw read of the same events whole (best of ${ROUNDS})`, `${rate(folded, best((r) => r.whole))} events/s`],
      [
        `rebuild ${name} (best of ${ROUNDS})`,
        `${rate(folded, seconds)} events/s (${median(ratios).toFixed(2)} x raw read, rounds ${ratios[0].toFixed(2)}–${ratios[ratios.length - 1].toFixed(2)};` +
          ` ${median(wholeRatios).toFixed(2)} x the whole events' read)`,
      ],
      [`  its median round`, `${rate(folded, median(rounds.map((r) => r.rebuild)))} events/s`],
      [`  its first rebuild, cold (not counted)`, `${rate(folded, coldSeconds)} events/s`],
    ],
  };
}

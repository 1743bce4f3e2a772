import { randomUUID } from 'node:crypto';
import { HubRuntime, loadSettings } from '@koppelhub/application';
import type { NewEvent, StreamAppend } from '@koppelhub/eventstore';
import { startPhase } from './phase-meter';
import { BENCH_PERSONAL_DATA_KEY, freshDatabase, printTable, rate, ratio, serverUrl } from './support';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const BATCH = 5000;
const ROUNDS = Number(process.env.BENCH_REBUILD_ROUNDS ?? 3);

const meta = { actor: 'bench', commandId: 'bench', correlationId: 'bench' };
const event = (type: string, data: Record<string, unknown>): NewEvent => ({ id: randomUUID(), type, data, metadata: meta });
const details = (n: number, edit = 0) => ({
  searchName: `BENCH${n}E${edit}`,
  debtorNumber: `D${n}`,
  company: { legalForm: 'BV', statutoryName: `Bench ${n} B.V.`, tradeName: `Bench ${n}`, rsin: '792376092' },
  address: { street: 'Stationsplein', houseNumber: String(edit + 1), postcode: '3511 ED', city: 'Utrecht', country: 'NL' },
  packages: ['pinkweb', 'twinfield'],
});

/**
 * Per client: registered, two detail changes, and cluster moves (every 10th a head, the others
 * join and some leave): five events a client on average.
 */
function clientHistory(n: number, clientId: string, headId: string): NewEvent[] {
  const events = [
    event('ClientRegistered', { clientId, kind: 'company', clientNumber: `B${n}`, status: 'Prospect', details: details(n) }),
    event('ClientDetailsChanged', { clientId, details: details(n, 1), changedFields: ['searchName', 'address'] }),
    event('ClientDetailsChanged', { clientId, details: details(n, 2), changedFields: ['searchName', 'address'] }),
  ];
  if (clientId === headId) events.push(event('ClusterHeadDesignated', { clientId }), event('ClientStatusChanged', { clientId, to: 'Klantaanvraag' }));
  else events.push(event('JoinedCluster', { clientId, headId }), n % 3 === 0 ? event('LeftCluster', { clientId, headId }) : event('ClientStatusChanged', { clientId, to: 'Klantaanvraag' }));
  return events;
}

/** Rebuilding the read models from position 0, against a raw sequential read of the same rows. */
export async function benchProjectionRebuild(): Promise<void> {
  const url = await freshDatabase(serverUrl(), 'koppelhub_bench_rebuild');
  const runtime = await HubRuntime.start(loadSettings({ DATABASE_URL: url, PERSONAL_DATA_KEY: BENCH_PERSONAL_DATA_KEY }), { projections: false, schema: 'hub' });
  try {
    const clients = EVENTS / 5;
    let headId = '';
    for (let start = 0; start < clients; start += 200) {
      const appends: StreamAppend[] = [];
      for (let n = start; n < Math.min(start + 200, clients); n++) {
        const clientId = randomUUID();
        if (n % 10 === 0) headId = clientId;
        appends.push({ stream: `client-${clientId}`, expectedVersion: 'no_stream', events: clientHistory(n, clientId, headId) });
      }
      await runtime.store.append(appends);
    }
    await runtime.database.pool.query('vacuum analyze es_events');
    const total = Number((await runtime.database.pool.query('select count(*) from es_events')).rows[0].count);

    // Baseline: read every row in delivery order, page by page, as the subscription does.
    const rawRead = async (): Promise<{ read: number; seconds: number }> => {
      const done = startPhase();
      let after = { transactionId: '0', position: 0 };
      let read = 0;
      for (;;) {
        const { rows } = await runtime.database.pool.query(
          `select * from es_events where (transaction_id, global_position) > ($1::xid8, $2::bigint)
            order by transaction_id, global_position limit $3`,
          [after.transactionId, after.position, BATCH],
        );
        if (rows.length === 0) break;
        read += rows.length;
        const last = rows[rows.length - 1];
        after = { transactionId: String(last.transaction_id), position: Number(last.global_position) };
      }
      return { read, seconds: done().seconds };
    };
    // Each read model's rebuilds take turns with raw reads, and each figure is the best of its
    // rounds: the machine's speed drifts within a run, and a baseline measured minutes before its
    // rebuild would carry that drift into the ratio. A first pair warms up, printed and not
    // counted: compiling the fold and the read path and planning the statements is a fixed cost
    // that a log of millions of events spreads thin, but over 100k events the first rebuild ran at
    // about two thirds of the later ones.
    const figures: Array<[string, string]> = [[`events in the log`, String(total)]];
    let allSeconds = 0;
    for (const runner of runtime.projections) {
      const timedRebuild = async () => {
        const done = startPhase();
        await runner.rebuild();
        return done().seconds;
      };
      await rawRead();
      const coldSeconds = await timedRebuild();
      const raw: Array<{ read: number; seconds: number }> = [];
      const rebuilds: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        raw.push(await rawRead());
        rebuilds.push(await timedRebuild());
      }
      const { read, seconds: rawSeconds } = raw.reduce((a, b) => (b.seconds < a.seconds ? b : a));
      const seconds = Math.min(...rebuilds);
      allSeconds += seconds;
      figures.push([`raw sequential read beside ${runner.projection.name} (${read} rows, best of ${ROUNDS})`, `${rate(read, rawSeconds)} events/s`]);
      figures.push([`rebuild ${runner.projection.name} (best of ${ROUNDS})`, `${rate(total, seconds)} events/s (${ratio(rawSeconds, seconds)} x raw read)`]);
      figures.push([`  its first rebuild, cold (not counted)`, `${rate(total, coldSeconds)} events/s`]);
      await runner.stop();
    }
    figures.push([`rebuild all ${runtime.projections.length}, one after the other`, `${rate(total, allSeconds / runtime.projections.length)} events/s per projection on average`]);
    printTable(`projection rebuild over ${total} events, PostgreSQL`, figures);
  } finally {
    await runtime.stop();
  }
}

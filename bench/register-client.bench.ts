import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { clientNumberStream, clientStream } from '@koppelhub/domain';
import {
  HubApplicationModule,
  HubRuntime,
  loadSettings,
  newCommandMetadata,
  RegisterClientCommand,
  type RegisterClientInput,
} from '@koppelhub/application';
import { cpuPerOperation, type PhaseSpent } from './phase-meter';
import { BENCH_PERSONAL_DATA_KEY, freshDatabase, median, printTable, serverUrl, timed } from './support';
import type { TargetReport } from './targets';

/** The sizes the targets are set at (see targets.ts). */
const DEFAULT_COMMANDS = 4000;
const DEFAULT_CONCURRENCY = 8;
const COMMANDS = Number(process.env.BENCH_COMMANDS ?? DEFAULT_COMMANDS);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? DEFAULT_CONCURRENCY);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);

const registration = (n: number): RegisterClientInput => ({
  kind: 'company',
  clientNumber: `B${n}`,
  startStatus: 'Prospect',
  details: {
    searchName: `BENCH${n}`,
    debtorNumber: `D${n}`,
    company: {
      legalForm: 'BV',
      statutoryName: `Bench ${n} Holding B.V.`,
      kvkNumber: '61234567',
      rsin: '792376092',
      vatId: 'NL792376092B01',
      iban: 'NL35TRIO5326502014',
    },
    address: { street: 'Stationsplein', houseNumber: '1', postcode: '3511 ED', city: 'Utrecht', country: 'NL' },
    packages: ['pinkweb', 'nextens', 'qicsmilestones', 'twinfield'],
  },
});

/** A person: BSN, birth date, home address and private e-mail are sealed with a new key of its own. */
const personRegistration = (n: number): RegisterClientInput => ({
  kind: 'person',
  clientNumber: `P${n}`,
  startStatus: 'Prospect',
  details: {
    searchName: `PERSON${n}`,
    person: { initials: 'J.P.', surname: `Vries${n}`, dateOfBirth: '1968-04-12', bsn: '628194821' },
    address: { street: 'Lindelaan', houseNumber: '12', postcode: '3581 AB', city: 'Utrecht', country: 'NL' },
    email: 'jan@devries-prive.nl',
    packages: ['nextens'],
  },
});

/**
 * "Register client" through the command bus (validation, decision, one append that also checks the
 * legacy number reservation is absent) against the same payloads as raw single-row INSERTs on the
 * same pool and concurrency, and against Emmett appending the same registration event. The same
 * append sent to the hub's store directly, with no command around it, shows how much of the gap
 * to raw the store itself leaves.
 */
export async function benchRegisterClient(targets: TargetReport): Promise<void> {
  const { url, drop } = await freshDatabase(serverUrl(), 'commands');
  const runtime = await HubRuntime.start(loadSettings({ DATABASE_URL: url, PERSONAL_DATA_KEY: BENCH_PERSONAL_DATA_KEY }), { projections: false, schema: 'hub' });
  const app = await NestFactory.createApplicationContext(HubApplicationModule.forRuntime(runtime), { logger: false });
  const bus = app.get(CommandBus);
  const pool = runtime.database.pool;
  await pool.query('create table raw_registrations (id uuid primary key, client_number text unique, payload jsonb not null)');
  const emmett = getPostgreSQLEventStore(url, { schema: { autoMigration: 'CreateOrUpdate' } });

  /** The store phases' registration: its event on a new client stream, and a number stream that must not exist yet. */
  const storeRegistration = (n: number) => {
    const clientId = randomUUID();
    const metadata = { actor: 'bench', commandId: randomUUID(), correlationId: randomUUID() };
    return {
      stream: clientStream(clientId),
      numberStream: clientNumberStream(`S${n}`),
      event: { id: randomUUID(), type: 'ClientRegistered', data: { ...registration(n), clientId, status: 'Prospect' }, metadata },
    };
  };

  type Phase = 'raw' | 'ceiling' | 'store' | 'hub' | 'peer' | 'person';
  const measured = (task: (i: number) => Promise<unknown>) => timed(COMMANDS, CONCURRENCY, task);
  let offset = 0;
  /** A phase's run: COMMANDS tasks, each given a number no other run of any phase has had. */
  const numbered = (task: (n: number) => Promise<unknown>) => () => {
    const base = offset;
    offset += COMMANDS;
    return measured((i) => task(base + i));
  };
  const phases: Record<Phase, () => Promise<PhaseSpent>> = {
    raw: numbered((n) =>
      pool.query('insert into raw_registrations (id, client_number, payload) values ($1, $2, $3)', [
        randomUUID(),
        `B${n}`,
        JSON.stringify(registration(n)),
      ]),
    ),
    store: numbered((n) => {
      const { stream, numberStream, event } = storeRegistration(n);
      return runtime.store.append([
        { stream, expectedVersion: 'no_stream', events: [event] },
        { stream: numberStream, expectedVersion: 'no_stream', events: [] },
      ]);
    }),
    ceiling: async () => {
      // The store's database work alone: the appends the store phase sends, as `es_append_batch`
      // takes them, built beforehand and grouped as the batcher groups CONCURRENCY callers, sent
      // back to back on one connection (without the wake-up some of the store's batches carry).
      // The most the store could reach at this concurrency sending one batch at a time, before
      // any Node work between batches.
      const base = offset;
      offset += COMMANDS;
      const appends = Array.from({ length: COMMANDS }, (_, i) => {
        const { stream, numberStream, event } = storeRegistration(base + i);
        return { streams: [{ stream, expected: 0 }, { stream: numberStream, expected: 0 }], events: [{ ...event, stream }] };
      });
      const batches: string[] = [];
      for (let b = 0; b < COMMANDS; b += CONCURRENCY) batches.push(JSON.stringify(appends.slice(b, b + CONCURRENCY)));
      const connection = await pool.connect();
      try {
        // Timed per batch; the rate is still COMMANDS appends over the phase's time.
        return await timed(batches.length, 1, (b) =>
          connection.query({ name: 'bench_append_batch', text: 'select * from es_append_batch($1)', values: [batches[b]] }),
        );
      } finally {
        connection.release();
      }
    },
    hub: numbered((n) => bus.execute(new RegisterClientCommand(registration(n), newCommandMetadata('bench')))),
    peer: numbered((n) =>
      emmett.appendToStream(
        `client-${randomUUID()}`,
        [{ type: 'ClientRegistered', data: { ...registration(n), clientId: randomUUID(), status: 'Prospect' } }],
        { expectedStreamVersion: STREAM_DOES_NOT_EXIST },
      ),
    ),
    person: numbered((n) => bus.execute(new RegisterClientCommand(personRegistration(n), newCommandMetadata('bench')))),
  };
  const ORDER = Object.keys(phases) as Phase[];
  // Every other round runs its phases in reverse: the machine's speed drifts within a run, and a
  // drift in one direction then favours each phase as often as it hurts it.
  const round = async (reversed: boolean): Promise<Record<Phase, PhaseSpent>> => {
    const spent: Partial<Record<Phase, PhaseSpent>> = {};
    for (const phase of reversed ? [...ORDER].reverse() : ORDER) spent[phase] = await phases[phase]();
    return spent as Record<Phase, PhaseSpent>;
  };

  try {
    await round(false); // warm-up: connections, plans, JIT
    const runs: Array<Record<Phase, PhaseSpent>> = [];
    for (let n = 0; n < ROUNDS; n++) runs.push(await round(n % 2 === 1));
    const perSecond = (run: Record<Phase, PhaseSpent>, phase: Phase) => COMMANDS / run[phase].seconds;
    const figure = (phase: Phase) => `${Math.round(median(runs.map((run) => perSecond(run, phase))))} /s`;
    // Each ratio is taken within a round, between phases run moments apart, and the median of the
    // rounds is printed with their range.
    const ratiosOf = (a: Phase, b: Phase) => runs.map((run) => perSecond(run, a) / perSecond(run, b));
    const ratioOf = (a: Phase, b: Phase) => {
      const ratios = ratiosOf(a, b);
      return `${median(ratios).toFixed(2)} (rounds ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`;
    };
    const middleRun = (phase: Phase) => {
      const sorted = [...runs].sort((x, y) => x[phase].seconds - y[phase].seconds);
      return sorted[Math.floor((sorted.length - 1) / 2)];
    };
    const cpu = (phase: Phase) => cpuPerOperation(middleRun(phase)[phase], COMMANDS, 'in Node');
    const atDefaultSizes = COMMANDS === DEFAULT_COMMANDS && CONCURRENCY === DEFAULT_CONCURRENCY;
    targets.record('hubPerRaw', median(ratiosOf('hub', 'raw')), atDefaultSizes);
    targets.record('hubPerEmmett', median(ratiosOf('hub', 'peer')), atDefaultSizes);
    printTable(`register client, ${COMMANDS} commands x ${CONCURRENCY} concurrent, PostgreSQL, read models not running (median of ${ROUNDS} rounds after a warm-up)`, [
      ['raw single-row INSERT', figure('raw')],
      ['the same append, straight to the store', figure('store')],
      ['its batches alone, built beforehand', figure('ceiling')],
      ['command bus (register client)', figure('hub')],
      ['command bus (register person, sealed)', figure('person')],
      ['Emmett appendToStream', figure('peer')],
      ['hub / raw', ratioOf('hub', 'raw')],
      ['hub / Emmett', ratioOf('hub', 'peer')],
      ['store / raw (the store alone)', ratioOf('store', 'raw')],
      ['batches alone / raw (one at a time, no Node work)', ratioOf('ceiling', 'raw')],
      ['hub / store (the command around it)', ratioOf('hub', 'store')],
      ['person / company (sealing cost)', ratioOf('person', 'hub')],
    ]);
    printTable('CPU per command in those runs (Node, database and everything else on the machine)', [
      ['raw single-row INSERT', cpu('raw')],
      ['the same append, straight to the store', cpu('store')],
      ['its batches alone, built beforehand', cpu('ceiling')],
      ['command bus (register client)', cpu('hub')],
      ['command bus (register person, sealed)', cpu('person')],
      ['Emmett appendToStream', cpu('peer')],
    ]);
  } finally {
    await emmett.close();
    await app.close();
    await runtime.stop();
    await drop();
  }
}

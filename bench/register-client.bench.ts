import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import {
  HubApplicationModule,
  HubRuntime,
  loadSettings,
  newCommandMetadata,
  RegisterClientCommand,
  type RegisterClientInput,
} from '@koppelhub/application';
import { cpuPerOperation, type PhaseSpent } from './phase-meter';
import { BENCH_PERSONAL_DATA_KEY, freshDatabase, printTable, rate, ratio, serverUrl, timed } from './support';

const COMMANDS = Number(process.env.BENCH_COMMANDS ?? 4000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

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
 * same pool and concurrency, and against Emmett appending the same registration event.
 */
export async function benchRegisterClient(): Promise<void> {
  const url = await freshDatabase(serverUrl(), 'koppelhub_bench_commands');
  const runtime = await HubRuntime.start(loadSettings({ DATABASE_URL: url, PERSONAL_DATA_KEY: BENCH_PERSONAL_DATA_KEY }), { projections: false, schema: 'hub' });
  const app = await NestFactory.createApplicationContext(HubApplicationModule.forRuntime(runtime), { logger: false });
  const bus = app.get(CommandBus);
  const pool = runtime.database.pool;
  await pool.query('create table raw_registrations (id uuid primary key, client_number text unique, payload jsonb not null)');
  const emmett = getPostgreSQLEventStore(url, { schema: { autoMigration: 'CreateOrUpdate' } });

  type Phase = 'raw' | 'hub' | 'peer' | 'person';
  const measured = (task: (i: number) => Promise<unknown>) => timed(COMMANDS, CONCURRENCY, task);
  let offset = 0;
  const round = async (): Promise<Record<Phase, PhaseSpent>> => {
    const base = offset;
    offset += COMMANDS * 3;
    const raw = await measured((i) =>
      pool.query('insert into raw_registrations (id, client_number, payload) values ($1, $2, $3)', [
        randomUUID(),
        `B${base + i}`,
        JSON.stringify(registration(base + i)),
      ]),
    );
    const hub = await measured((i) =>
      bus.execute(new RegisterClientCommand(registration(base + COMMANDS + i), newCommandMetadata('bench'))),
    );
    const peer = await measured((i) => {
      const input = registration(base + 2 * COMMANDS + i);
      return emmett.appendToStream(
        `client-${randomUUID()}`,
        [{ type: 'ClientRegistered', data: { ...input, clientId: randomUUID(), status: 'Prospect' } }],
        { expectedStreamVersion: STREAM_DOES_NOT_EXIST },
      );
    });
    const person = await measured((i) =>
      bus.execute(new RegisterClientCommand(personRegistration(base + i), newCommandMetadata('bench'))),
    );
    return { raw, hub, peer, person };
  };

  try {
    await round(); // warm-up: connections, plans, JIT
    const runs = [await round(), await round()];
    const best = (phase: Phase) => runs.map((run) => run[phase]).reduce((a, b) => (b.seconds < a.seconds ? b : a));
    const perSecond = (phase: Phase) => rate(COMMANDS, best(phase).seconds);
    const figure = (phase: Phase) => `${perSecond(phase)} /s`;
    const cpu = (phase: Phase) => cpuPerOperation(best(phase), COMMANDS, 'in Node');
    printTable(`register client, ${COMMANDS} commands x ${CONCURRENCY} concurrent, PostgreSQL (best of 2 after warm-up)`, [
      ['raw single-row INSERT', figure('raw')],
      ['command bus (register client)', figure('hub')],
      ['command bus (register person, sealed)', figure('person')],
      ['Emmett appendToStream', figure('peer')],
      ['hub / raw', ratio(perSecond('hub'), perSecond('raw'))],
      ['hub / Emmett', ratio(perSecond('hub'), perSecond('peer'))],
      ['person / company (sealing cost)', ratio(perSecond('person'), perSecond('hub'))],
    ]);
    printTable('CPU per command in those runs (Node, database and everything else on the machine)', [
      ['raw single-row INSERT', cpu('raw')],
      ['command bus (register client)', cpu('hub')],
      ['command bus (register person, sealed)', cpu('person')],
      ['Emmett appendToStream', cpu('peer')],
    ]);
  } finally {
    await emmett.close();
    await app.close();
    await runtime.stop();
  }
}

import { randomUUID } from 'node:crypto';
import { HubRuntime, loadSettings } from '@koppelhub/application';
import { cpuPerOperation, type PhaseSpent, startPhase } from './phase-meter';
import { BENCH_PERSONAL_DATA_KEY, freshDatabase, printTable, ratio, serverUrl } from './support';

const ROUNDS = Number(process.env.BENCH_WAIT_ROUNDS ?? 200);
const CALLERS = Number(process.env.BENCH_WAIT_CALLERS ?? 50);

/**
 * Read-your-writes (`X-Min-Position`): after each registration, callers wait for every read model
 * to reach it. Many callers at once against one caller, in the same run: how much each further
 * caller costs the read models' subscriptions.
 */
export async function benchReadYourWrites(): Promise<void> {
  const { url, drop } = await freshDatabase(serverUrl(), 'waiters');
  const runtime = await HubRuntime.start(loadSettings({ DATABASE_URL: url, PERSONAL_DATA_KEY: BENCH_PERSONAL_DATA_KEY }), { projections: true, schema: 'hub' });
  let registered = 0;
  const rounds = async (callers: number): Promise<PhaseSpent> => {
    const done = startPhase();
    for (let round = 0; round < ROUNDS; round++) {
      const clientId = randomUUID();
      const event = {
        id: randomUUID(),
        type: 'ClientRegistered',
        data: {
          clientId,
          kind: 'company',
          clientNumber: `W${registered++}`,
          status: 'Prospect',
          details: {
            searchName: 'WAITER',
            company: { legalForm: 'BV', statutoryName: 'Waiter B.V.' },
            address: { street: 'Stationsplein', houseNumber: '1', postcode: '3511 ED', city: 'Utrecht', country: 'NL' },
            packages: [],
          },
        },
        metadata: { actor: 'bench', commandId: randomUUID(), correlationId: 'bench' },
      };
      const { events } = await runtime.store.append([{ stream: `client-${clientId}`, expectedVersion: 'no_stream', events: [event] }]);
      await Promise.all(Array.from({ length: callers }, () => runtime.readModelsAt(events[0].position, 10_000)));
    }
    return done();
  };
  try {
    await rounds(CALLERS); // warm-up: connections, plans, compiled code
    const one = await rounds(1);
    const many = await rounds(CALLERS);
    const perRound = (spent: PhaseSpent) => `${((spent.seconds * 1000) / ROUNDS).toFixed(1)} ms`;
    printTable(`read-your-writes: ${ROUNDS} registrations, each awaited by callers on ${runtime.projections.length} read models, PostgreSQL`, [
      ['1 caller, per registration', perRound(one)],
      [`${CALLERS} callers at once, per registration`, perRound(many)],
      [`${CALLERS} callers / 1 caller (time)`, ratio(many.seconds, one.seconds)],
      ['CPU per registration, 1 caller', cpuPerOperation(one, ROUNDS, 'in Node')],
      [`CPU per registration, ${CALLERS} callers`, cpuPerOperation(many, ROUNDS, 'in Node')],
    ]);
  } finally {
    await runtime.stop();
    await drop();
  }
}

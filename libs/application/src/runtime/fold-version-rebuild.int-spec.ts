import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { ProjectionRunner } from '@koppelhub/projections';
import { describeOnPostgres, dropTestSchema } from '../../../eventstore/src/testing/test-database';
import { RegisterClientCommand } from '../clients/register-client/register-client.command';
import { RenumberClientCommand } from '../clients/renumber-client/renumber-client.command';
import { newCommandMetadata } from '../commands/command-metadata';
import { HubApplicationModule } from '../hub-application.module';
import { companyRegistration } from '../testing/company-registration';
import { testHubSettings } from '../testing/test-hub-runtime';
import { HubRuntime } from './hub-runtime';

describeOnPostgres('a read model whose fold changed is rebuilt when the hub starts (PostgreSQL)', () => {
  const schema = `fv_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  // One key for every start: the same hub, started again.
  const settings = testHubSettings('postgres');
  const running = new Set<HubRuntime>();
  const start = async () => {
    const runtime = await HubRuntime.start(settings, { projections: true, schema });
    running.add(runtime);
    return runtime;
  };
  const stop = async (runtime: HubRuntime) => {
    running.delete(runtime);
    await runtime.stop();
  };
  let clientId: string;

  afterAll(async () => {
    jest.restoreAllMocks();
    for (const runtime of running) await runtime.stop();
    await dropTestSchema(schema);
  });

  it('given client search rows folded before former numbers were, when the hub starts, then they are rebuilt with them, once', async () => {
    // Given a renumbered client, its search row as a hub before version 2 of the fold left it
    const first = await start();
    const app = await NestFactory.createApplicationContext(HubApplicationModule.forRuntime(first), { logger: false });
    // Closed before the first hub stops; on a failure before that, the hub's stop ends it all.
    const bus = app.get(CommandBus);
    const meta = () => newCommandMetadata('r.jansen');
    const registered = await bus.execute(new RegisterClientCommand(companyRegistration('40501', 'Hernummerd'), meta()));
    clientId = registered.clientId;
    await bus.execute(new RenumberClientCommand(clientId, '40502', meta()));
    await first.readModelsAt(await first.store.headPosition(), 15_000);
    const pool = first.database.pool;
    expect((await pool.query('select projection, version from rm_fold_versions order by projection')).rows).toEqual([
      { projection: 'client-relations', version: 1 },
      { projection: 'client-search', version: 2 },
      { projection: 'cluster-membership', version: 1 },
      { projection: 'contacts', version: 1 },
      { projection: 'ownerships', version: 1 },
    ]);
    await pool.query(`update rm_client_search set former_numbers = '[]'`);
    await pool.query(`delete from rm_fold_versions where projection = 'client-search'`);
    await app.close();
    await stop(first);

    // When the hub starts again
    const rebuild = jest.spyOn(ProjectionRunner.prototype, 'rebuild');
    const second = await start();
    await second.foldRebuildsDone();

    // Then client search alone was rebuilt, and the row has its former number
    expect(rebuild.mock.contexts.map((runner) => (runner as ProjectionRunner).projection.name)).toEqual(['client-search']);
    const row = async (runtime: HubRuntime) =>
      (await runtime.database.pool.query('select client_number, former_numbers from rm_client_search where client_id = $1', [clientId])).rows[0];
    expect(await row(second)).toEqual({ client_number: '40502', former_numbers: ['40501'] });
    expect((await second.database.pool.query(`select version from rm_fold_versions where projection = 'client-search'`)).rows).toEqual([{ version: 2 }]);
    await stop(second);

    // And a start after that finds nothing to rebuild
    rebuild.mockClear();
    const third = await start();
    await third.foldRebuildsDone();
    expect(rebuild).not.toHaveBeenCalled();
    expect(await row(third)).toEqual({ client_number: '40502', former_numbers: ['40501'] });
    await stop(third);
  });
});

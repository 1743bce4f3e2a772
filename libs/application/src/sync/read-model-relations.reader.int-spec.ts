import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import type { INestApplicationContext } from '@nestjs/common';
import { ChangeClientStatusCommand } from '../acceptance/change-client-status/change-client-status.command';
import { RegisterClientCommand } from '../clients/register-client/register-client.command';
import { companyRegistration } from '../testing/company-registration';
import { newCommandMetadata } from '../commands/command-metadata';
import { RenumberClientCommand } from '../clients/renumber-client/renumber-client.command';
import { RegisterContactCommand } from '../contacts/contact-commands';
import { SetInvoiceToCommand } from '../relations/relation-commands';
import { HubApplicationModule } from '../hub-application.module';
import { HubRuntime } from '../runtime/hub-runtime';
import { ReadModelRelationsReader } from './read-model-relations.reader';
import { stopTestHub, testHubKinds, testHubSettings } from '../testing/test-hub-runtime';

describe.each(testHubKinds)('the portal users the sync reads from the read models, on %s', (kind) => {
  const schema = `rr_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  let runtime: HubRuntime;
  let app: INestApplicationContext;
  let bus: CommandBus;
  let reader: ReadModelRelationsReader;
  let clientId: string;
  const meta = () => newCommandMetadata('r.jansen');
  const settled = async () => runtime.readModelsAt(await runtime.store.headPosition(), 15_000);
  const logins = async () => (await reader.read(clientId, 'pinkweb')).portalUsers.map((u) => u.login).sort();
  /** Reads of every person client: the portal overview being read again. */
  const overviewReads = (query: jest.SpyInstance) =>
    query.mock.calls.filter(([sql]) => typeof sql === 'string' && sql.includes(`from rm_client_relations where kind = 'person'`)).length;
  const contact = (surname: string, email: string) =>
    bus.execute(new RegisterContactCommand(clientId, { name: { surname }, email, private: {}, portal: true }, undefined, meta()));

  beforeAll(async () => {
    const settings = testHubSettings(kind);
    runtime = await HubRuntime.start(settings, { projections: true, schema });
    app = await NestFactory.createApplicationContext(HubApplicationModule.forRuntime(runtime), { logger: false });
    bus = app.get(CommandBus);
    reader = new ReadModelRelationsReader(runtime.database, runtime.store, runtime.projections);
    const registered = await bus.execute(
      new RegisterClientCommand(companyRegistration('40101', 'Portaal', ['pinkweb']), meta()),
    );
    clientId = registered.clientId;
    await contact('Jansen', 'marieke@portaal.nl');
    await settled();
  });
  afterAll(() => stopTestHub(app, runtime, kind, schema));

  it('given an overview read, when a contact registers, then the next read has the new portal user', async () => {
    expect(await logins()).toEqual(['marieke@portaal.nl']);
    await contact('Bakker', 'anna@portaal.nl');
    await settled();
    expect(await logins()).toEqual(['anna@portaal.nl', 'marieke@portaal.nl']);
  });

  it('given an overview read, when only the client status changes, then the overview is not read again', async () => {
    await logins();
    const query = jest.spyOn(runtime.database.pool, 'query');
    try {
      await bus.execute(new ChangeClientStatusCommand(clientId, { to: 'Klantaanvraag' }, { id: 'r.jansen', roles: ['relatiebeheer'] }, meta()));
      await settled();
      expect(await logins()).toEqual(['anna@portaal.nl', 'marieke@portaal.nl']);
      expect(overviewReads(query)).toBe(0);

      // And a contact's change is read again
      await contact('Visser', 'piet@portaal.nl');
      await settled();
      expect(await logins()).toEqual(['anna@portaal.nl', 'marieke@portaal.nl', 'piet@portaal.nl']);
      expect(overviewReads(query)).toBe(1);
    } finally {
      query.mockRestore();
    }
  });

  it('given a second contact with a login already taken, when read, then both users are held, for PinkWeb by key and for CaseWare Cloud by contact', async () => {
    const taken = await contact('Dubbel', 'Marieke@Portaal.nl');
    await settled();

    const pinkweb = await reader.read(clientId, 'pinkweb');
    const caseware = await reader.read(clientId, 'casewarecloud');

    // (e-mails are kept in lower case, so the two are told apart by id)
    const marieke = pinkweb.contacts.find((c) => c.email === 'marieke@portaal.nl' && c.contactId !== taken.contactId)!;
    expect(pinkweb.portalUsers.map((u) => u.login).sort()).toEqual(['anna@portaal.nl', 'piet@portaal.nl']);
    expect(pinkweb.heldPortalUsers).toEqual([`contact:${marieke.contactId}`, `contact:${taken.contactId}`].sort());
    expect(caseware.contacts.filter((c) => c.portalHeld).map((c) => c.contactId).sort()).toEqual([marieke.contactId, taken.contactId].sort());
    expect(caseware.heldPortalUsers).toBeUndefined();
  });

  it('given a client invoicing to another, when the other is renumbered, then the invoicing client is affected: its hours-package payload names the number', async () => {
    const company = async (clientNumber: string) =>
      (await bus.execute(new RegisterClientCommand(companyRegistration(clientNumber, `Factuur ${clientNumber}`, ['qicsmilestones']), meta()))).clientId;
    const [target, invoicing] = [await company('40201'), await company('40202')];
    await bus.execute(new SetInvoiceToCommand(invoicing, target, meta()));
    await bus.execute(new RenumberClientCommand(target, '40299', meta()));
    await settled();
    const renumbered = (await runtime.store.readStream(`client-${target}`)).filter((event) => event.type === 'ClientRenumbered');

    const affected = await reader.clientsAffectedBy(renumbered);

    expect(affected).toEqual([{ clientId: invoicing, position: renumbered[0]!.position }]);
    expect((await reader.read(invoicing, 'qicsmilestones')).invoiceTo).toEqual({ clientId: target, clientNumber: '40299' });
  });
});

import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import type { INestApplicationContext } from '@nestjs/common';
import { clientStream, contactStream, retentionFrom } from '@koppelhub/domain';
import { AuditLog, ChainVerifier, exportLine } from '@koppelhub/eventstore';
import { postgresUrl } from '../../../eventstore/src/testing/test-database';
import { newCommandMetadata } from '../commands/command-metadata';
import { RegisterContactCommand } from '../contacts/contact-commands';
import { HubApplicationModule } from '../hub-application.module';
import { RegisterClientCommand } from '../clients/register-client/register-client.command';
import { HubRuntime } from '../runtime/hub-runtime';
import { ErasePersonalDataCommand } from './erase-personal-data.command';
import { PersonalDataModule } from './personal-data.module';
import { stopTestHub, testHubKinds, testHubSettings } from '../testing/test-hub-runtime';

const BSN = '628194821';
const MOBILE = '0612345678';
if (!postgresUrl) console.warn('DATABASE_URL is not set: the erasure suite runs on PGlite only');

describe.each(testHubKinds)('personal data at rest and after erasure, on %s', (kind) => {
  const schema = `pd_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const clock = { at: new Date('2026-12-01T10:00:00Z'), now() { return this.at; } };
  let runtime: HubRuntime;
  let app: INestApplicationContext;
  let bus: CommandBus;
  let clientId: string;
  let contactId: string;

  const rawData = async (): Promise<string> =>
    (await runtime.database.pool.query<{ data: string }>('select data::text as data from es_events order by global_position')).rows
      .map((r) => r.data)
      .join('\n');
  const settled = async () => runtime.readModelsAt(await runtime.store.headPosition(), 15_000);

  /** A person client with a BSN, birth date and home address, a contact with private data, and the relationship ended on 2026-12-31. */
  async function endedPersonWithContact(clientNumber: string): Promise<{ clientId: string; contactId: string }> {
    const registered = await bus.execute(
      new RegisterClientCommand(
        {
          kind: 'person',
          clientNumber,
          details: {
            searchName: 'VRIESJ',
            person: { initials: 'J.P.', surname: 'Vries', prefix: 'de', dateOfBirth: '1968-04-12', bsn: BSN },
            address: { street: 'Lindelaan', houseNumber: '12', postcode: '3581 AB', city: 'Utrecht', country: 'NL' },
            email: 'jan@devries-prive.nl',
            packages: ['nextens'],
          },
        },
        newCommandMetadata('r.jansen'),
      ),
    );
    const clientId = registered.clientId;
    const contact = await bus.execute(
      new RegisterContactCommand(
        clientId,
        { name: { surname: 'Vries-Bakker' }, private: { email: 'anna@prive.nl', mobile: MOBILE }, portal: false },
        undefined,
        newCommandMetadata('r.jansen'),
      ),
    );
    const contactId = contact.contactId;
    // ... whose relationship ended on 2026-12-31 (the status steps appended as acceptance would)
    const steps = [
      { from: 'Prospect', to: 'Klantaanvraag' },
      { from: 'Klantaanvraag', to: 'Ter goedkeuring', approverId: 'key:a' },
      { from: 'Ter goedkeuring', to: 'Klant' },
      { from: 'Klant', to: 'Geen klant meer', endDate: '2026-12-31', retention: retentionFrom('2026-12-31') },
    ];
    const meta = newCommandMetadata('c.smit');
    await runtime.store.append([
      {
        stream: clientStream(clientId),
        expectedVersion: 'any',
        events: steps.map((data, i) => ({ id: randomUUID(), type: 'ClientStatusChanged', data: { clientId, ...data }, metadata: { ...meta, commandId: `${meta.commandId}-${i}` } })),
      },
    ]);
    return { clientId, contactId };
  }

  beforeAll(async () => {
    const settings = testHubSettings(kind);
    runtime = await HubRuntime.start(settings, { projections: true, schema, clock });
    @Module({ imports: [HubApplicationModule.forRuntime(runtime), PersonalDataModule.forRuntime(runtime)] })
    class TestModule {}
    app = await NestFactory.createApplicationContext(TestModule, { logger: false });
    bus = app.get(CommandBus);

    // Given a person client with a BSN, a birth date and a home address, and a contact with private data,
    // whose relationship ended on 2026-12-31
    ({ clientId, contactId } = await endedPersonWithContact('40001'));
    await settled();
  }, 60_000);

  afterAll(() => stopTestHub(app, runtime, kind, schema));

  it('keeps no BSN, birth date, private e-mail or mobile in clear text in the raw event rows', async () => {
    const raw = await rawData();
    for (const value of [BSN, '1968-04-12', 'jan@devries-prive.nl', 'Lindelaan', MOBILE, 'anna@prive.nl']) expect(raw).not.toContain(value);
    expect(raw).toContain('VRIESJ');
    // ... while every reader through the store sees the values
    const [registered] = await runtime.store.readStream(clientStream(clientId));
    expect(registered.data).toMatchObject({ details: { person: { bsn: BSN, dateOfBirth: '1968-04-12' }, address: { street: 'Lindelaan' } } });
  });

  it('refuses erasure while the fiscal retention runs, naming the rule and the date', async () => {
    clock.at = new Date('2033-12-31T12:00:00Z');
    await expect(bus.execute(new ErasePersonalDataCommand(clientId, newCommandMetadata('c.smit')))).rejects.toMatchObject({
      code: 'personal-data.retention-not-ended',
      details: expect.objectContaining({ rule: 'retention.fiscal', retainedUntil: '2033-12-31', erasableFrom: '2034-01-01' }),
    });
    const [registered] = await runtime.store.readStream(clientStream(clientId));
    expect(registered.data).toMatchObject({ details: { person: { bsn: BSN } } });
  });

  describe('when erased after retention', () => {
    let positionBefore: number;

    beforeAll(async () => {
      positionBefore = await runtime.store.headPosition();
      clock.at = new Date('2034-01-01T09:00:00Z');
      // Given an earlier run that destroyed the contact's key and stopped before recording it
      await runtime.store.keys.erase([`contact:${contactId}`], `client:${clientId}`);
      // When erasure is asked, then the log records every subject, that one included
      const result = await bus.execute(new ErasePersonalDataCommand(clientId, newCommandMetadata('c.smit')));
      expect(result.erasedSubjects).toEqual([`client:${clientId}`, `contact:${contactId}`].sort());
      await settled();
    });

    it('reads "erased" through readStream, in every event, for the person and its contact', async () => {
      const client = await runtime.store.readStream(clientStream(clientId));
      expect(client[0].data).toMatchObject({
        details: {
          searchName: 'VRIESJ',
          person: { surname: 'Vries', bsn: 'erased', dateOfBirth: 'erased' },
          address: { street: 'erased', postcode: 'erased', city: 'erased' },
          email: 'erased',
        },
      });
      expect(client.at(-1)).toMatchObject({ type: 'PersonalDataErased', data: { erasedOn: '2034-01-01' } });
      const [contact] = await runtime.store.readStream(contactStream(contactId));
      expect(contact.data).toMatchObject({ contact: { name: { surname: 'Vries-Bakker' }, private: { email: 'erased', mobile: 'erased' } } });
    });

    it('keeps the values out of the raw rows, whose ciphertext stays where it was written', async () => {
      const raw = await rawData();
      for (const value of [BSN, '1968-04-12', 'Lindelaan', MOBILE]) expect(raw).not.toContain(value);
      const { rows } = await runtime.database.pool.query<{ n: string }>(
        `select count(*) as n from es_events where global_position <= $1 and data::text like '%"ct":%'`,
        [positionBefore],
      );
      expect(Number(rows[0].n)).toBeGreaterThan(0);
    });

    it('shows "erased" in the read models that held personal data', async () => {
      const pool = runtime.database.pool;
      const relations = await pool.query('select email, address from rm_client_relations where client_id = $1', [clientId]);
      expect(relations.rows[0]).toEqual({
        email: 'erased',
        address: { street: 'erased', houseNumber: 'erased', postcode: 'erased', city: 'erased', country: 'erased' },
      });
      const search = await pool.query('select city, name from rm_client_search where client_id = $1', [clientId]);
      expect(search.rows[0]).toEqual({ city: 'erased', name: 'J.P. de Vries' });
      const contacts = await pool.query('select private from rm_contacts where contact_id = $1', [contactId]);
      expect(contacts.rows[0].private).toEqual({ email: 'erased', mobile: 'erased' });
    });

    it('gives the same read models when rebuilt from the log', async () => {
      const before = await runtime.database.pool.query('select client_id, email, address from rm_client_relations order by client_id');
      await runtime.projections.find((p) => p.projection.name === 'client-relations')!.rebuild(60_000);
      const after = await runtime.database.pool.query('select client_id, email, address from rm_client_relations order by client_id');
      expect(after.rows).toEqual(before.rows);
    });

    it('exports "erased" in NDJSON and CSV, never the BSN', async () => {
      const log = new AuditLog(runtime.database.pool, (events) => runtime.store.open(events));
      let ndjson = '';
      let csv = '';
      for await (const event of log.stream({ stream: clientStream(clientId) })) {
        ndjson += exportLine('ndjson', event);
        csv += exportLine('csv', event);
      }
      expect(ndjson).toContain('"bsn":"erased"');
      expect(csv).toContain('""bsn"":""erased""');
      expect(ndjson + csv).not.toContain(BSN);
    });

    it('still verifies every hash chain', async () => {
      const report = await new ChainVerifier(runtime.database.pool).verify();
      expect(report).toMatchObject({ ok: true });
      expect(report.checkedEvents).toBeGreaterThan(5);
    });

    it('refuses new personal data for the erased person, and a repeat erasure decides nothing', async () => {
      await expect(
        runtime.store.append([
          {
            stream: clientStream(clientId),
            expectedVersion: 'any',
            events: [
              {
                id: randomUUID(),
                type: 'ClientDetailsChanged',
                data: { clientId, details: { searchName: 'X', person: { surname: 'Vries', bsn: BSN }, address: {}, packages: [] }, changedFields: [] },
                metadata: { actor: 'r.jansen', commandId: randomUUID(), correlationId: randomUUID() },
              },
            ],
          },
        ]),
      ).rejects.toMatchObject({ name: 'PersonalDataErasedError' });
      const again = await bus.execute(new ErasePersonalDataCommand(clientId, newCommandMetadata('c.smit')));
      expect(again).toMatchObject({ changed: false, erasedSubjects: [] });
    });
  });

  it('given a run that recorded its erasure and failed before destroying the keys, and a contact registered since, when the same command runs again, then the log records that contact before its key is destroyed', async () => {
    // Given a run after retention that appended its erasure and lost its connection before destroying the keys
    clock.at = new Date('2034-01-01T09:00:00Z');
    const { clientId: other, contactId: first } = await endedPersonWithContact('40002');
    const metadata = newCommandMetadata('c.smit');
    const destroy = jest.spyOn(runtime.store.keys, 'erase').mockRejectedValueOnce(new Error('connection lost'));
    await expect(bus.execute(new ErasePersonalDataCommand(other, metadata))).rejects.toThrow('connection lost');
    destroy.mockRestore();
    // and a contact with private data registered at the client since
    const late = await bus.execute(
      new RegisterContactCommand(other, { name: { surname: 'Laat' }, private: { mobile: '0611122233' }, portal: false }, undefined, newCommandMetadata('r.jansen')),
    );

    // When the same command runs again (its event ids are the first run's)
    const result = await bus.execute(new ErasePersonalDataCommand(other, metadata));

    // Then the first run's erasure stands, a second one records the late contact, and every key is gone
    const subjects = [`client:${other}`, `contact:${first}`].sort();
    expect(result.erasedSubjects).toEqual([...subjects, `contact:${late.contactId}`].sort());
    const erasures = (await runtime.store.readStream(clientStream(other))).filter((event) => event.type === 'PersonalDataErased');
    expect(erasures.map((event) => event.data.subjects)).toEqual([subjects, [`contact:${late.contactId}`]]);
    expect((await runtime.store.keys.inScope(`client:${other}`)).filter((key) => !key.erased)).toEqual([]);
    const [registered] = await runtime.store.readStream(contactStream(late.contactId));
    expect(JSON.stringify(registered.data)).not.toContain('0611122233');
  });
});

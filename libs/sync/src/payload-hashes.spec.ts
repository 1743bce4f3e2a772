import { type ClientPush, packageView } from '@koppelhub/connectors';
import type { RecordedEvent } from '@koppelhub/eventstore';
import { referenceH } from '../../connectors/src/testing/reference-clients';
import { type ClientRelations, NO_RELATIONS } from './client-push.builder';
import { payloadHash } from './payload-hash';
import { PayloadHashes } from './payload-hashes';

describe("payload hashes: each package's view, by history, relations and switch-off", () => {
  const history = [{ position: 1 }] as RecordedEvent[];
  const withContact: ClientRelations = { ...NO_RELATIONS, contacts: [{ contactId: 'c1', surname: 'Jansen', email: 'c1@example.nl', portal: false }] };
  /** H as built from the given relations and switch-off. */
  const push = (relations: ClientRelations = NO_RELATIONS, endedOn?: string): ClientPush => ({
    ...referenceH(),
    contacts: relations.contacts,
    portalUsers: relations.portalUsers,
    ...(endedOn ? { status: 'Geen klant meer' as const, endDate: endedOn } : {}),
  });

  it('given the same history and relations again, then the push is not built a second time and the same hash is answered', () => {
    const hashes = new PayloadHashes();
    let built = 0;
    const build = () => (built++, push());

    const first = hashes.of('twinfield', history, NO_RELATIONS, undefined, build);
    const again = hashes.of('twinfield', history, { ...NO_RELATIONS }, undefined, build);

    expect(again).toBe(first);
    expect(first).toBe(payloadHash(packageView('twinfield', push())));
    expect(built).toBe(1);
  });

  it("given several packages asked for together, then each gets the hash of its own view, the push built once per relations", () => {
    const hashes = new PayloadHashes();
    const built: ClientRelations[] = [];

    const [pinkweb, nextens, twinfield, casewarecloud] = hashes.ofPackages(
      history,
      [
        { pkg: 'pinkweb', relations: withContact },
        { pkg: 'nextens', relations: NO_RELATIONS },
        { pkg: 'twinfield', relations: { ...NO_RELATIONS } },
        { pkg: 'casewarecloud', relations: { ...withContact } },
      ],
      (relations, endedOn) => (built.push(relations), push(relations, endedOn)),
    );

    expect([pinkweb, nextens, twinfield, casewarecloud]).toEqual([
      payloadHash(packageView('pinkweb', push(withContact))),
      payloadHash(packageView('nextens', push())),
      payloadHash(packageView('twinfield', push())),
      payloadHash(packageView('casewarecloud', push(withContact))),
    ]);
    expect(new Set([pinkweb, nextens, twinfield, casewarecloud]).size).toBe(4);
    expect(built).toEqual([withContact, NO_RELATIONS]);
    // And a job for one of them afterwards builds nothing
    expect(hashes.of('nextens', history, NO_RELATIONS, undefined, () => {
      throw new Error('built again');
    })).toBe(nextens);
  });

  it('given other relations or another history read, then the push is built and hashed anew', () => {
    const hashes = new PayloadHashes();
    const first = hashes.of('pinkweb', history, NO_RELATIONS, undefined, () => push());

    expect(hashes.of('pinkweb', history, withContact, undefined, () => push(withContact))).not.toBe(first);
    let built = 0;
    expect(hashes.of('pinkweb', [...history], NO_RELATIONS, undefined, () => (built++, push()))).toBe(first);
    expect(built).toBe(1);
  });

  it('given a package switched off, then its view is hashed apart from the packages still on', () => {
    const hashes = new PayloadHashes();
    const on = hashes.of('nextens', history, NO_RELATIONS, undefined, () => push());

    const off = hashes.of('nextens', history, NO_RELATIONS, '2026-11-30', () => push(NO_RELATIONS, '2026-11-30'));

    expect(off).toBe(payloadHash(packageView('nextens', push(NO_RELATIONS, '2026-11-30'))));
    expect(off).not.toBe(on);
  });
});

import type { RecordedEvent } from '@koppelhub/eventstore';
import { NO_RELATIONS } from './client-push.builder';
import { payloadHash } from './payload-hash';
import { PayloadHashes } from './payload-hashes';

describe('payload hashes by history, relations and switch-off', () => {
  const history = [{ position: 1 }] as RecordedEvent[];
  const withContact = { ...NO_RELATIONS, contacts: [{ contactId: 'c1', surname: 'Jansen', portal: false }] };

  it('given the same history and relations again, then the payload is not built a second time', () => {
    const hashes = new PayloadHashes();
    let built = 0;
    const payload = () => (built++, { clientNumber: '20010' });

    const first = hashes.of(history, NO_RELATIONS, undefined, payload);
    const again = hashes.of(history, { ...NO_RELATIONS }, undefined, payload);

    expect(again).toBe(first);
    expect(first).toBe(payloadHash({ clientNumber: '20010' }));
    expect(built).toBe(1);
  });

  it('given other relations or another history read, then the payload is built and hashed anew', () => {
    const hashes = new PayloadHashes();
    const first = hashes.of(history, NO_RELATIONS, undefined, () => ({ n: 1 }));

    expect(hashes.of(history, withContact, undefined, () => ({ n: 2 }))).not.toBe(first);
    expect(hashes.of([...history], NO_RELATIONS, undefined, () => ({ n: 3 }))).toBe(payloadHash({ n: 3 }));
  });

  it('given a package switched off, then its payload is hashed apart from the packages still on', () => {
    const hashes = new PayloadHashes();
    const on = hashes.of(history, NO_RELATIONS, undefined, () => ({ status: 'Klant' }));

    const off = hashes.of(history, NO_RELATIONS, '2026-11-30', () => ({ status: 'Geen klant meer' }));

    expect(off).toBe(payloadHash({ status: 'Geen klant meer' }));
    expect(off).not.toBe(on);
  });
});

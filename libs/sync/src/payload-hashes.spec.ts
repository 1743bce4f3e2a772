import type { RecordedEvent } from '@koppelhub/eventstore';
import { NO_RELATIONS } from './client-push.builder';
import { payloadHash } from './payload-hash';
import { PayloadHashes } from './payload-hashes';

describe('payload hashes by history and relations', () => {
  const history = [{ position: 1 }] as RecordedEvent[];
  const withContact = { ...NO_RELATIONS, contacts: [{ contactId: 'c1', surname: 'Jansen', portal: false }] };

  it('given the same history and relations again, then the payload is not built a second time', () => {
    const hashes = new PayloadHashes();
    let built = 0;
    const payload = () => (built++, { clientNumber: '20010' });

    const first = hashes.of(history, NO_RELATIONS, payload);
    const again = hashes.of(history, { ...NO_RELATIONS }, payload);

    expect(again).toBe(first);
    expect(first).toBe(payloadHash({ clientNumber: '20010' }));
    expect(built).toBe(1);
  });

  it('given other relations or another history read, then the payload is built and hashed anew', () => {
    const hashes = new PayloadHashes();
    const first = hashes.of(history, NO_RELATIONS, () => ({ n: 1 }));

    expect(hashes.of(history, withContact, () => ({ n: 2 }))).not.toBe(first);
    expect(hashes.of([...history], NO_RELATIONS, () => ({ n: 3 }))).toBe(payloadHash({ n: 3 }));
  });
});

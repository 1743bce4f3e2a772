import { maskBsn, maskBsnIn } from './bsn-masking';
import { eraseLeaves } from './erase-leaves';

describe('BSN masking', () => {
  it('given a BSN, when masked, then only the last four digits show', () => {
    expect(maskBsn('628194821')).toBe('*****4821');
  });

  it('given an erased BSN, when masked, then it still reads "erased"', () => {
    expect(maskBsn('erased')).toBe('erased');
  });

  it('given an answer with BSNs at any depth, when masked, then each is masked and nothing else changes', () => {
    const answer = {
      id: 'c1',
      person: { surname: 'Vries', bsn: '628194821', dateOfBirth: '1968-04-12' },
      history: [{ data: { details: { person: { bsn: '252760189' } } } }],
    };
    expect(maskBsnIn(answer)).toEqual({
      id: 'c1',
      person: { surname: 'Vries', bsn: '*****4821', dateOfBirth: '1968-04-12' },
      history: [{ data: { details: { person: { bsn: '*****0189' } } } }],
    });
    expect(answer.person.bsn).toBe('628194821');
  });

  it('given something other than plain data (a buffer, a stream), when masked, then it passes untouched', () => {
    const buffer = Buffer.from('bsn');
    class Streamed {
      bsn = '628194821';
    }
    const streamed = new Streamed();
    expect(maskBsnIn(buffer)).toBe(buffer);
    expect(maskBsnIn(streamed)).toBe(streamed);
  });

  it('given an answer without a BSN, when masked, then the very same object comes back', () => {
    const page = { items: [{ id: 'c1', name: 'Holding' }], total: 1 };
    expect(maskBsnIn(page)).toBe(page);
  });
});

describe('erasing a read model copy', () => {
  it('given private data, when erased, then every present part reads "erased"', () => {
    expect(eraseLeaves({ address: { street: 'Lindelaan', city: 'Utrecht' }, email: 'jan@example.nl' })).toEqual({
      address: { street: 'erased', city: 'erased' },
      email: 'erased',
    });
  });
});

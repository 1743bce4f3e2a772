import { EventIdReused } from '@koppelhub/eventstore';
import { toProblem } from './problem';

describe('toProblem', () => {
  it('given an append whose event ids the log holds for another decision, then it is a 409 naming the rule and no stream', () => {
    // Given ids derived again for a decision unlike the stored one
    const error = new EventIdReused('0b5f6c1e-0000-4000-8000-000000000001', { stream: 'client-a', type: 'ClientRegistered' }, { stream: 'client-b', type: 'ClientRegistered' });

    // When it becomes an answer
    const answer = toProblem(error);

    // Then a conflict, in fixed words
    expect(answer).toMatchObject({ status: 409, code: 'idempotency.event-id-reused' });
    expect(JSON.stringify(answer)).not.toContain('client-');
  });
});

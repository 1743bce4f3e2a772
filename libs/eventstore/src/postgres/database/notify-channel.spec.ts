import { notifyChannel } from './database';

/** NAMEDATALEN - 1: pg_notify refuses a longer channel, LISTEN truncates it. */
const MAX_CHANNEL_LENGTH = 63;

describe('notifyChannel', () => {
  it('given a short schema name, when its channel is named, then it is the prefix and the schema as before', () => {
    expect(notifyChannel('public')).toBe('koppelhub_events_public');
    expect(notifyChannel('t_0123456789abcdef')).toBe('koppelhub_events_t_0123456789abcdef');
  });

  it('given the longest schema name that fits whole (46 characters), when its channel is named, then it is kept whole', () => {
    const schema = 's'.repeat(46);

    expect(notifyChannel(schema)).toBe(`koppelhub_events_${schema}`);
    expect(notifyChannel(schema)).toHaveLength(MAX_CHANNEL_LENGTH);
  });

  it.each([47, 60, 63])('given a schema name of %i characters, when its channel is named, then it fits in a PostgreSQL name', (length) => {
    const channel = notifyChannel('s'.repeat(length));

    expect(Buffer.byteLength(channel)).toBeLessThanOrEqual(MAX_CHANNEL_LENGTH);
    expect(channel).toMatch(/^koppelhub_events_s+_[0-9a-f]+$/);
  });

  it('given two long schema names sharing a 60-character prefix, when their channels are named, then they differ', () => {
    const prefix = `tenant_${'a'.repeat(53)}`;

    const first = notifyChannel(`${prefix}_one`);
    const second = notifyChannel(`${prefix}_two`);

    expect(first).not.toBe(second);
    expect(first.length).toBeLessThanOrEqual(MAX_CHANNEL_LENGTH);
    expect(second.length).toBeLessThanOrEqual(MAX_CHANNEL_LENGTH);
  });

  it('given the same long schema name twice, when its channel is named, then it is the same both times (LISTEN and NOTIFY agree)', () => {
    const schema = `t_${'b'.repeat(58)}`;

    expect(notifyChannel(schema)).toBe(notifyChannel(schema));
  });
});

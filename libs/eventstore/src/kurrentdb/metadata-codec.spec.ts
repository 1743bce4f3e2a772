import type { EventMetadata } from '../event-store.port';
import { asJsonObject, fromStoredMetadata, JSON_KEYS_PROPERTY, toMetadataJson, toProperties } from './metadata-codec';

const metadata: EventMetadata = { actor: 'anna@kantoor.nl', commandId: 'c-1', correlationId: 'k-1' };

describe('event metadata on KurrentDB', () => {
  it('sends string values as they are to a multi-stream append', () => {
    expect(toProperties({ ...metadata, reason: 'backdated' })).toEqual({ ...metadata, reason: 'backdated' });
  });

  it('sends other values JSON-encoded and lists their keys', () => {
    const properties = toProperties({ ...metadata, attempt: 3, flags: { manual: true }, causationId: undefined });
    expect(properties).toEqual({
      ...metadata,
      attempt: '3',
      flags: '{"manual":true}',
      [JSON_KEYS_PROPERTY]: '["attempt","flags"]',
    });
  });

  it('reads back what a multi-stream append stored, without the server $schema keys', () => {
    const stored = {
      ...toProperties({ ...metadata, attempt: 3, flags: { manual: true } }),
      '$schema.format': 'Json',
      '$schema.name': 'ClientRegistered',
    };
    expect(fromStoredMetadata(stored)).toEqual({ ...metadata, attempt: 3, flags: { manual: true } });
  });

  it('reads back single-stream metadata JSON as it was written', () => {
    const written = { ...metadata, attempt: 3, nested: { a: [1, 2] } };
    expect(fromStoredMetadata(written)).toEqual(written);
    expect(fromStoredMetadata(new TextEncoder().encode(JSON.stringify(written)))).toEqual(written);
  });

  it('refuses keys it could not read back', () => {
    expect(() => toProperties({ ...metadata, $correlationId: 'x' })).toThrow('reserved');
    expect(() => toProperties({ ...metadata, [JSON_KEYS_PROPERTY]: 'x' })).toThrow('reserved');
    expect(() => toMetadataJson({ ...metadata, $causationId: 'x' })).toThrow('reserved');
    expect(toMetadataJson(metadata)).toBe(metadata);
  });

  it('reads missing metadata as empty and refuses data that is not a JSON object', () => {
    expect(fromStoredMetadata(undefined)).toEqual({});
    expect(() => asJsonObject('not json', 'data')).toThrow('not a JSON object');
    expect(() => asJsonObject(new TextEncoder().encode('{'), 'data')).toThrow('not JSON');
  });
});

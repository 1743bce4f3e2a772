import type { EventMetadata, JsonObject } from '../event-store.port';

/**
 * The port's EventMetadata is stored as the KurrentDB event metadata JSON. A single-stream append
 * stores it as it is. A multi-stream append (v2 protocol) only takes string properties, which the
 * server hands back as the metadata JSON with its own `$schema.*` keys added; non-string values are
 * therefore sent JSON-encoded and listed under JSON_KEYS_PROPERTY, so both paths read back the same.
 */
export const JSON_KEYS_PROPERTY = 'koppelhub.json-keys';

/** Metadata for a single-stream append: stored as it is, once its keys are known to read back. */
export function toMetadataJson(metadata: EventMetadata): EventMetadata {
  Object.keys(metadata).forEach(assertOwnKey);
  return metadata;
}

/** Metadata for a multi-stream append: string properties only. */
export function toProperties(metadata: EventMetadata): Record<string, string> {
  const properties: Record<string, string> = {};
  const jsonKeys: string[] = [];
  for (const [key, value] of Object.entries(metadata)) {
    assertOwnKey(key);
    if (value === undefined) continue; // as JSON.stringify drops it on the single-stream path
    if (typeof value === 'string') {
      properties[key] = value;
    } else {
      properties[key] = JSON.stringify(value);
      jsonKeys.push(key);
    }
  }
  if (jsonKeys.length > 0) properties[JSON_KEYS_PROPERTY] = JSON.stringify(jsonKeys);
  return properties;
}

/** `$` keys are the server's own (they are dropped on read); the marker key is the codec's. */
function assertOwnKey(key: string): void {
  if (key.startsWith('$') || key === JSON_KEYS_PROPERTY) {
    throw new Error(`event metadata key ${key} is reserved by the KurrentDB adapter`);
  }
}

/** Metadata as read back, from either append path; server keys (`$…`) are left out. */
export function fromStoredMetadata(raw: unknown): EventMetadata {
  const object = asJsonObject(raw, 'metadata');
  const jsonKeys = new Set(
    typeof object[JSON_KEYS_PROPERTY] === 'string' ? (JSON.parse(object[JSON_KEYS_PROPERTY]) as string[]) : [],
  );
  const metadata: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    if (key.startsWith('$') || key === JSON_KEYS_PROPERTY) continue;
    metadata[key] = jsonKeys.has(key) && typeof value === 'string' ? JSON.parse(value) : value;
  }
  // The port's writers always set actor, commandId and correlationId; the store does not invent them.
  return metadata as EventMetadata;
}

/** Event data or metadata as read back: parsed JSON, or JSON bytes the client did not parse. */
export function asJsonObject(raw: unknown, what: string): JsonObject {
  if (raw === undefined || raw === null) return {};
  const value = raw instanceof Uint8Array ? parseBytes(raw, what) : raw;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`stored event ${what} is not a JSON object`);
  }
  return value as JsonObject;
}

function parseBytes(bytes: Uint8Array, what: string): unknown {
  if (bytes.length === 0) return {};
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    throw new Error(`stored event ${what} is not JSON`);
  }
}

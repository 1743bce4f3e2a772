/**
 * A personal field as stored: which subject's key sealed it, and the AES-256-GCM ciphertext
 * (base64 of IV | ciphertext | tag). Raw rows, exports of raw rows and the hash chain only ever
 * see this; the plain value exists in memory only.
 */
export interface SealedValue {
  pd: string;
  ct: string;
}

export function isSealedValue(value: unknown): value is SealedValue {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.pd === 'string' && typeof candidate.ct === 'string' && Object.keys(candidate).length === 2;
}

import { hash, randomBytes } from 'node:crypto';

/**
 * API keys are 256 random bits; only their SHA-256 is stored. A slow hash adds nothing for keys
 * this long (they cannot be guessed from a dictionary), and a fast one keeps lookups cheap.
 */
export function generateApiKey(): string {
  return `kh_${randomBytes(32).toString('base64url')}`;
}

export function hashApiKey(key: string): string {
  return hash('sha256', key);
}

import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InvalidSettings, type Settings } from '../settings/settings';

const KEY_FILE = 'personal-data.key';
const BASE64_KEY = /^[A-Za-z0-9+/]{43}=$/;

export interface PersonalDataKeySource {
  key: Buffer;
  /** Set when the key was generated now: keep it before the database starts depending on it. */
  persist?: () => void;
}

/**
 * The master key of the personal data: `PERSONAL_DATA_KEY` when set. On a server it must be set (a
 * key kept in the same database would let a dump reveal everything). The embedded default keeps it
 * in DATA_DIR/personal-data.key, made on first start; an in-memory database gets a throwaway one.
 */
export function resolvePersonalDataKey(settings: Pick<Settings, 'PERSONAL_DATA_KEY' | 'DATABASE_URL' | 'DATA_DIR'>): PersonalDataKeySource {
  if (settings.PERSONAL_DATA_KEY) return { key: Buffer.from(settings.PERSONAL_DATA_KEY, 'base64') };
  if (settings.DATABASE_URL) {
    throw new InvalidSettings([
      'PERSONAL_DATA_KEY is required with DATABASE_URL (32 bytes in base64, e.g. openssl rand -base64 32); ' +
        'keep it outside the database, and the same for the API and the worker',
    ]);
  }
  if (settings.DATA_DIR === 'memory') return { key: randomBytes(32) };
  const file = join(resolve(settings.DATA_DIR), KEY_FILE);
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8').trim();
    if (!BASE64_KEY.test(text)) throw new InvalidSettings([`${file} must hold 32 bytes in base64`]);
    return { key: Buffer.from(text, 'base64') };
  }
  const key = randomBytes(32);
  // Readable by the owner only; `wx` never overwrites a key another start wrote meanwhile.
  return { key, persist: () => writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' }) };
}

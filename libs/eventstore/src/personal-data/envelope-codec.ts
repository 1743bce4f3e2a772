import { createCipheriv, createDecipheriv } from 'node:crypto';
import type { SealedValue } from './sealed-value';
import { SealedValueUnreadable } from './personal-data.errors';
import { RandomPool } from './random-pool';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

const random = new RandomPool();

// The associated data binds a ciphertext to its subject (and a wrapped key to its subject), so a
// value copied into another person's event, or a key row swapped, fails authentication.
const valueContext = (subject: string) => Buffer.from(`koppelhub/personal-data/v1|${subject}`, 'utf8');
const keyContext = (subject: string) => Buffer.from(`koppelhub/personal-data-key/v1|${subject}`, 'utf8');

function encrypt(key: Buffer, aad: Buffer, plain: Buffer): Buffer {
  const iv = random.take(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

/** Undefined when the ciphertext does not authenticate under this key: wrong key or changed bytes. */
function decrypt(key: Buffer, aad: Buffer, sealed: Buffer): Buffer | undefined {
  if (sealed.length < IV_BYTES + TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv(ALGORITHM, key, sealed.subarray(0, IV_BYTES));
    decipher.setAAD(aad);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    return undefined;
  }
}

export const newSubjectKey = (): Buffer => random.take(KEY_BYTES);

/** Seals one field's value (any JSON value) with its subject's key. */
export function sealValue(key: Buffer, subject: string, value: unknown): SealedValue {
  const plain = Buffer.from(JSON.stringify(value), 'utf8');
  return { pd: subject, ct: encrypt(key, valueContext(subject), plain).toString('base64') };
}

/** The value a sealed field holds; throws when it does not open under this key. */
export function openValue(key: Buffer, sealed: SealedValue): unknown {
  const plain = decrypt(key, valueContext(sealed.pd), Buffer.from(sealed.ct, 'base64'));
  if (!plain) throw new SealedValueUnreadable(sealed.pd);
  return JSON.parse(plain.toString('utf8')) as unknown;
}

/** A subject's key as the key table stores it: sealed with the master key, so a dump alone reveals nothing. */
export const wrapKey = (master: Buffer, subject: string, key: Buffer): Buffer => encrypt(master, keyContext(subject), key);

/** Undefined when the master key is not the one the key was wrapped with. */
export function unwrapKey(master: Buffer, subject: string, wrapped: Buffer): Buffer | undefined {
  const key = decrypt(master, keyContext(subject), wrapped);
  return key && key.length === KEY_BYTES ? key : undefined;
}

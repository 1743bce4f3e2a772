/**
 * A command tried to record new personal data for a subject whose key was erased. Refused: a fresh
 * key would make the person readable again after erasure.
 */
export class PersonalDataErasedError extends Error {
  constructor(readonly subject: string) {
    super(`the personal data of ${subject} was erased; no new personal data can be recorded for it`);
    this.name = 'PersonalDataErasedError';
  }
}

/** A sealed field does not open under its subject's key: the stored bytes were changed. */
export class SealedValueUnreadable extends Error {
  constructor(readonly subject: string) {
    super(`a personal field of ${subject} does not decrypt: the stored ciphertext or key was altered`);
    this.name = 'SealedValueUnreadable';
  }
}

/** The configured master key is not the one this database's personal-data keys were wrapped with. */
export class PersonalDataKeyMismatch extends Error {
  constructor(detail: string) {
    super(`PERSONAL_DATA_KEY does not open this database's personal-data keys: ${detail}`);
    this.name = 'PersonalDataKeyMismatch';
  }
}

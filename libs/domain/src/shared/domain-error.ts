/**
 * Every refusal the domain can give. `code` is stable (clients and tests key on it); `kind` tells
 * the edge how to map it (the domain itself knows nothing of HTTP). `forbidden` is a refusal that
 * depends on who acts (e.g. approving a request addressed to someone else).
 */
export type DomainErrorKind = 'validation' | 'rule' | 'conflict' | 'not-found' | 'forbidden';

export interface FieldViolation {
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: DomainErrorKind,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationFailed extends DomainError {
  constructor(readonly violations: FieldViolation[]) {
    super('validation-failed', 'validation', violations.map((v) => `${v.field}: ${v.message}`).join('; '), {
      violations,
    });
  }
}

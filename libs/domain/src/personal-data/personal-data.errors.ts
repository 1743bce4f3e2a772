import type { ClientStatus } from '../client/client-status';
import type { CalendarDate } from '../shared/calendar-date';
import { DomainError } from '../shared/domain-error';

/** Erasure is for relationships that have ended; a current (or never started) one still needs the data. */
export class RelationshipNotEnded extends DomainError {
  constructor(clientId: string, status: ClientStatus) {
    super(
      'personal-data.relationship-not-ended',
      'rule',
      `personal data of client ${clientId} is erased only once the relationship has ended (Geen klant meer); it is ${status}`,
      { clientId, status, rule: 'erasure-after-end' },
    );
  }
}

/**
 * The retention periods have not run out. Names the rule that holds the data longest and the first
 * day erasure is possible.
 */
export class RetentionNotEnded extends DomainError {
  constructor(
    clientId: string,
    retention: { rule: 'wwft' | 'fiscal'; retainedUntil: CalendarDate; erasableFrom: CalendarDate; wwftUntil: CalendarDate; fiscalUntil: CalendarDate },
  ) {
    const law = retention.rule === 'fiscal' ? 'the fiscal retention (7 years)' : 'the Wwft retention (5 years)';
    super(
      'personal-data.retention-not-ended',
      'rule',
      `personal data of client ${clientId} must be kept until ${retention.retainedUntil} under ${law}; ` +
        `it can be erased from ${retention.erasableFrom}`,
      { clientId, ...retention, rule: `retention.${retention.rule}` },
    );
  }
}

/**
 * The retention dates the end of the relationship recorded are not dates: an end date of 9999-12-31,
 * recorded before end dates were bounded, gave `+010006-12`. The data is kept rather than guessed at.
 */
export class RetentionUnreadable extends DomainError {
  constructor(clientId: string, retention: { wwftUntil: string; fiscalUntil: string }) {
    super(
      'personal-data.retention-unreadable',
      'rule',
      `the retention dates recorded for client ${clientId} (${retention.wwftUntil}, ${retention.fiscalUntil}) are not dates; its personal data is kept`,
      { clientId, ...retention },
    );
  }
}

import type { AcceptanceState } from '../acceptance/acceptance.state';
import { ClientNotFound } from '../client/client.errors';
import type { ClientState } from '../client/client.state';
import { type CalendarDate, isCalendarDate } from '../shared/calendar-date';
import type { PersonalDataErased } from './personal-data.events';
import { RelationshipNotEnded, RetentionNotEnded, RetentionUnreadable } from './personal-data.errors';
import { clientSubject } from './personal-data.subjects';

export interface ErasePersonalData {
  type: 'ErasePersonalData';
  /** `today` comes from the hub's clock, never from the request. */
  data: { clientId: string; today: CalendarDate };
}

export interface ErasureContext {
  client: ClientState;
  acceptance: AcceptanceState;
  /** The subject of every key in the client's scope: its own (a person) and its contacts'. */
  subjects: readonly string[];
  /** Subjects whose erasure the client's stream already records. */
  recorded: readonly string[];
}

const nextDay = (date: CalendarDate): CalendarDate => {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
};

/**
 * Erases the personal data of an ended relationship once both retention periods have run out: the
 * data is kept up to and including the later of the Wwft date (end + 5 years) and the fiscal date
 * (end + 7 years). Everything still readable in the client's scope is erased; the client's own
 * subject always is, so nothing sealed for it later becomes readable again. Repeating an erasure
 * with nothing left to erase decides nothing.
 */
export function decideErasePersonalData(command: ErasePersonalData, context: ErasureContext): PersonalDataErased[] {
  const { clientId, today } = command.data;
  const { client, acceptance } = context;
  if (!client.exists) throw new ClientNotFound(clientId);
  const ended = acceptance.ended;
  if (client.status !== 'Geen klant meer' || !ended) throw new RelationshipNotEnded(clientId, client.status);

  const { wwftUntil, fiscalUntil } = ended;
  // Compared as text, `+010006-12` (from an end date of 9999-12-31) would lie before today.
  if (!isCalendarDate(wwftUntil) || !isCalendarDate(fiscalUntil)) throw new RetentionUnreadable(clientId, { wwftUntil, fiscalUntil });
  const rule = fiscalUntil >= wwftUntil ? 'fiscal' : 'wwft';
  const retainedUntil = rule === 'fiscal' ? fiscalUntil : wwftUntil;
  if (today <= retainedUntil) {
    throw new RetentionNotEnded(clientId, { rule, retainedUntil, erasableFrom: nextDay(retainedUntil), wwftUntil, fiscalUntil });
  }

  // The log, not the key table, says what was erased: keys destroyed without a record are recorded now.
  const recorded = new Set(context.recorded);
  const subjects = [...new Set([clientSubject(clientId), ...context.subjects])].filter((s) => !recorded.has(s)).sort();
  if (subjects.length === 0) return [];
  return [{ type: 'PersonalDataErased', data: { clientId, subjects, erasedOn: today, retention: { wwftUntil, fiscalUntil } } }];
}

import { type CalendarDate, calendarDateOf } from '../shared/calendar-date';
import type { ClientDetailsChanged, ClientStatusChanged } from '../client/client.events';
import type { DossierEvent } from '../dossier/dossier.events';
import type { InvoiceToCleared, InvoiceToSet } from '../relations/client-relations.events';
import type { WwftEvent } from '../wwft/wwft.events';
import type { ClientApproved } from './acceptance.events';

/**
 * klantacceptatie: the open request (who must approve it, whether they did, and what changed the
 * file after an approval, which withdraws it) and the end, once ended.
 */
export interface AcceptanceState {
  request?: { approverId: string; approved: boolean; changedAfterApproval?: FileChange['type'] };
  /**
   * The day the client last became Klant: the day it was asked for, as the date rules decide on
   * that, else the day it was recorded (events folded before they are stored carry neither).
   */
  klantSince?: CalendarDate;
  ended?: { endDate: CalendarDate; wwftUntil: CalendarDate; fiscalUntil: CalendarDate };
}

export const initialAcceptanceState: AcceptanceState = {};

/**
 * A change to what the approver judged: the card (with its packages), whom it invoices to (the
 * Klant gates check that client too) and the dossier (Wwft registration, reviews, engagements,
 * documents). The four-eyes rule covers the file as it stood when approved, so such a change while
 * the request is open withdraws the approval.
 */
export type FileChange = ClientDetailsChanged | InvoiceToSet | InvoiceToCleared | WwftEvent | DossierEvent;
/** Each kind of file change as the refusal of Klant names it; also the list of what counts as one. */
export const FILE_CHANGE_NAMES: Readonly<Record<FileChange['type'], string>> = {
  ClientDetailsChanged: 'client details',
  InvoiceToSet: 'invoice-to',
  InvoiceToCleared: 'invoice-to',
  WwftRegistrationRecorded: 'Wwft registration',
  WwftReviewRecorded: 'Wwft review',
  EngagementRecorded: 'engagement',
  DossierDocumentAttached: 'dossier document',
};
const isFileChange = (event: { type: string }): event is FileChange => Object.hasOwn(FILE_CHANGE_NAMES, event.type);

/**
 * An event as the fold takes it; read from the log it also carries when it was recorded and, in
 * its metadata, when its command was asked for.
 */
type AcceptanceEvent = (ClientStatusChanged | ClientApproved | FileChange) & { recordedAt?: Date; metadata?: Readonly<Record<string, unknown>> };

/**
 * When a step was decided: its command's request time, which the date rules use (a request a
 * moment before midnight is recorded after it), else its recording time.
 */
function decidedAt(event: AcceptanceEvent): Date | undefined {
  const requested = event.metadata?.requestedAt;
  const asked = typeof requested === 'string' ? new Date(requested) : undefined;
  return asked && !Number.isNaN(asked.getTime()) ? asked : event.recordedAt;
}

export function evolveAcceptance(state: AcceptanceState, event: AcceptanceEvent): AcceptanceState {
  if (isFileChange(event)) {
    return state.request?.approved
      ? { ...state, request: { approverId: state.request.approverId, approved: false, changedAfterApproval: event.type } }
      : state;
  }
  switch (event.type) {
    case 'ClientStatusChanged': {
      const { to, approverId, endDate, retention } = event.data;
      if (to === 'Ter goedkeuring' && approverId) return { ...state, request: { approverId, approved: false } };
      // A withdrawn request (back to Klantaanvraag) is no request: its approval goes with it.
      if (to === 'Klantaanvraag') return { ...state, request: undefined };
      const at = decidedAt(event);
      if (to === 'Klant' && at) return { ...state, klantSince: calendarDateOf(at) };
      if (to === 'Geen klant meer' && endDate && retention) return { ...state, ended: { endDate, ...retention } };
      return state;
    }
    case 'ClientApproved':
      return state.request?.approverId === event.data.approverId
        ? { ...state, request: { approverId: state.request.approverId, approved: true } }
        : state;
    default: {
      const other: never = event;
      void other;
      return state;
    }
  }
}

/** Folds the acceptance state out of a client's stream, skipping the stream's other events. */
export function foldAcceptance(
  events: readonly { type: string; data: object; recordedAt?: Date; metadata?: Readonly<Record<string, unknown>> }[],
): AcceptanceState {
  return events
    .filter((event) => event.type === 'ClientStatusChanged' || event.type === 'ClientApproved' || isFileChange(event))
    .reduce((state, event) => evolveAcceptance(state, event as AcceptanceEvent), initialAcceptanceState);
}

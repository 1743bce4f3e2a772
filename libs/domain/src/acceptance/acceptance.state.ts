import { type CalendarDate, calendarDateOf } from '../shared/calendar-date';
import type { ClientStatusChanged } from '../client/client.events';
import type { ClientApproved } from './acceptance.events';

/** klantacceptatie: the open request (who must approve it, whether they did) and the end, once ended. */
export interface AcceptanceState {
  request?: { approverId: string; approved: boolean };
  /** The day the client last became Klant, where the events carry their recording time. */
  klantSince?: CalendarDate;
  ended?: { endDate: CalendarDate; wwftUntil: CalendarDate; fiscalUntil: CalendarDate };
}

export const initialAcceptanceState: AcceptanceState = {};

/** An event as the fold takes it; read from the log it also carries when it was recorded. */
type AcceptanceEvent = (ClientStatusChanged | ClientApproved) & { recordedAt?: Date };

export function evolveAcceptance(state: AcceptanceState, event: AcceptanceEvent): AcceptanceState {
  switch (event.type) {
    case 'ClientStatusChanged': {
      const { to, approverId, endDate, retention } = event.data;
      if (to === 'Ter goedkeuring' && approverId) return { ...state, request: { approverId, approved: false } };
      if (to === 'Klant' && event.recordedAt) return { ...state, klantSince: calendarDateOf(event.recordedAt) };
      if (to === 'Geen klant meer' && endDate && retention) return { ...state, ended: { endDate, ...retention } };
      return state;
    }
    case 'ClientApproved':
      return state.request?.approverId === event.data.approverId
        ? { ...state, request: { ...state.request, approved: true } }
        : state;
    default: {
      const other: never = event;
      void other;
      return state;
    }
  }
}

/** Folds the acceptance state out of a client's stream, skipping the stream's other events. */
export function foldAcceptance(events: readonly { type: string; data: object; recordedAt?: Date }[]): AcceptanceState {
  return events
    .filter((event) => event.type === 'ClientStatusChanged' || event.type === 'ClientApproved')
    .reduce((state, event) => evolveAcceptance(state, event as AcceptanceEvent), initialAcceptanceState);
}

import type { CalendarDate } from '../shared/calendar-date';
import type { WwftEvent, WwftReviewRecorded } from '../wwft/wwft.events';
import type { WwftRegistration } from '../wwft/wwft-registration';
import type { DossierEvent } from './dossier.events';
import type { DossierDocument, Engagement } from './dossier.model';

export interface WwftFile {
  registration: WwftRegistration;
  reviewedFrom: CalendarDate;
  nextReviewDate?: CalendarDate;
  reviews: WwftReviewRecorded['data'][];
}

/**
 * klantdossier: opened by the client's registration (every client has one, also those registered
 * before dossiers existed), kept on the client's stream. Holds the Wwft registration, the
 * engagements and the documents.
 */
export interface DossierState {
  wwft?: WwftFile;
  engagements: Array<Engagement & { id: string }>;
  documents: Array<DossierDocument & { id: string }>;
}

export const initialDossierState: DossierState = { engagements: [], documents: [] };

export function evolveDossier(state: DossierState, event: DossierEvent | WwftEvent): DossierState {
  switch (event.type) {
    case 'WwftRegistrationRecorded': {
      const { registration, reviewedFrom, nextReviewDate } = event.data;
      return { ...state, wwft: { registration, reviewedFrom, nextReviewDate, reviews: state.wwft?.reviews ?? [] } };
    }
    case 'WwftReviewRecorded': {
      if (!state.wwft) return state;
      const { reviewedOn, riskClass, riskMotivation, nextReviewDate } = event.data;
      const risk = { ...state.wwft.registration.risk, class: riskClass, ...(riskMotivation ? { motivation: riskMotivation } : {}) };
      return {
        ...state,
        wwft: {
          registration: { ...state.wwft.registration, risk },
          reviewedFrom: reviewedOn,
          nextReviewDate,
          reviews: [...state.wwft.reviews, event.data],
        },
      };
    }
    case 'EngagementRecorded':
      return { ...state, engagements: [...state.engagements, { id: event.data.engagementId, ...event.data.engagement }] };
    case 'DossierDocumentAttached':
      return { ...state, documents: [...state.documents, { id: event.data.documentId, ...event.data.document }] };
    default: {
      // Exhaustive over the dossier's events; the client stream's other events leave it alone.
      const other: never = event;
      void other;
      return state;
    }
  }
}

const DOSSIER_EVENT_TYPES = new Set(['WwftRegistrationRecorded', 'WwftReviewRecorded', 'EngagementRecorded', 'DossierDocumentAttached']);

/** Folds the dossier out of a client's stream, skipping the stream's other events. */
export function foldDossier(events: readonly { type: string; data: object }[]): DossierState {
  return events
    .filter((event) => DOSSIER_EVENT_TYPES.has(event.type))
    .reduce((state, event) => evolveDossier(state, event as DossierEvent | WwftEvent), initialDossierState);
}

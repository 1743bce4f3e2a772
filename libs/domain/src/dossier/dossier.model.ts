import type { CalendarDate } from '../shared/calendar-date';

/** opdracht: an agreed job for the client (e.g. Jaarrekening, Aangifte IB). */
export interface Engagement {
  description: string;
  startDate?: CalendarDate;
  /** The engagement letter or contract, e.g. a document-management reference. */
  reference?: string;
}

export const DOCUMENT_KINDS = ['organogram', 'id-document', 'kvk-extract', 'ubo-extract', 'engagement-letter', 'other'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** A document kept in the dossier: metadata and a reference to where the file lives, never the file. */
export interface DossierDocument {
  kind: DocumentKind;
  name: string;
  reference: string;
  mediaType?: string;
}

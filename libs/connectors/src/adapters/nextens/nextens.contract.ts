/**
 * Nextens relation contract: Nextens publishes no API, so this file IS the contract, shared by
 * the connector and the sandbox. Change it here, in one place, when Nextens' real interface is known.
 *
 * Authentication: header `X-Api-Key: <key>`.
 *
 * Upsert: `POST /api/relations/upsert` with a NextensRelationUpsert body.
 *   - The relation's key is in the body, never in the URL: for a person it is the BSN, and
 *     personal data never appears in URLs (they end up in access logs and proxies).
 *   - Key rules: a company is `<fiscal number>-<sequence>` (the RSIN, nine digits passing the
 *     elfproef, and a sequence number from 1; an empty sequence means 1), e.g. `792376092-1`;
 *     a person is the nine-digit BSN (elfproef).
 *   - With `relationId` (Nextens' own id, known from an earlier answer) the relation is updated
 *     by id, also when its key changed; without it Nextens finds the relation by key, so pushing
 *     the same key twice never makes a second relation. An unknown relationId counts as absent.
 *   - An ended relationship is still pushed: `status: 'ended'` with `endDate`.
 *   - Answers: 201 created / 200 updated or unchanged, body NextensUpsertAnswer.
 *     422 validation (body NextensErrorAnswer), 409 key already used by another relation,
 *     401 unknown key, 429 with Retry-After, 5xx.
 *
 * Find: `POST /api/relations/find` with a NextensRelationFind body (the key in the body, as above).
 *   - Answers: 200 with NextensRelationFound, 404 (NextensErrorAnswer, code `not_found`) when no
 *     relation has the key; 401, 429 and 5xx as for an upsert.
 */

export interface NextensAddress {
  street: string;
  houseNumber: string;
  houseNumberAddition?: string;
  postcode: string;
  city: string;
  country: string;
}

export interface NextensPerson {
  initials?: string;
  firstNames?: string;
  prefix?: string;
  surname: string;
  /** yyyy-mm-dd; personal data, body only. */
  dateOfBirth?: string;
}

export interface NextensCompany {
  legalForm?: string;
  statutoryName: string;
  tradeName?: string;
  kvkNumber?: string;
  vatId?: string;
}

export interface NextensRelationUpsert {
  /** Company: `<rsin>-<sequence>`; person: the BSN. */
  key: string;
  kind: 'company' | 'person';
  /** Nextens' id from an earlier answer, when known. */
  relationId?: string;
  clientNumber: string;
  name: string;
  status: 'active' | 'ended';
  /** yyyy-mm-dd, with status 'ended'. */
  endDate?: string;
  person?: NextensPerson;
  company?: NextensCompany;
  address: NextensAddress;
  email?: string;
}

export interface NextensUpsertAnswer {
  relationId: string;
  outcome: 'created' | 'updated' | 'unchanged';
}

export interface NextensRelationFind {
  key: string;
}

export interface NextensRelationFound {
  relationId: string;
  clientNumber: string;
  status: 'active' | 'ended';
}

export interface NextensErrorAnswer {
  error: { code: string; message: string; field?: string };
}

/** A stored relation, as the sandbox lists it. */
export interface NextensRelation extends Omit<NextensRelationUpsert, 'relationId'> {
  relationId: string;
}

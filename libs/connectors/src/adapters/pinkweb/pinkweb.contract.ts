/**
 * PinkWeb client contract: PinkWeb publishes no API, so this file IS the contract, shared by the
 * connector and the sandbox. Change it here, in one place, when PinkWeb's real interface is known.
 *
 * Authentication: `Authorization: Bearer <api key>`.
 *
 * Upsert: `PUT /api/clients/{client_id}`, client_id = our client number (not personal data), body
 * PinkwebClientPut. 201 created / 200 updated or unchanged, body PinkwebPutAnswer.
 *   - The push is authoritative for the client's contact list: PinkWeb removes the client's
 *     contacts missing from the push.
 *   - Portal users are upserted by mainKey; a user's access becomes exactly its clientNumbers
 *     (which must include this client). A user who had access to this client and is missing from
 *     the push loses access to this client only; a user left with access to no client is removed.
 *     A login (e-mail, compared without regard to case) belongs to one user. The push is
 *     authoritative, so its logins are checked against the users as the push leaves them: the
 *     access it takes away, the users it thereby removes and the logins its users move off count
 *     first, and a login held only by a user this push removes is free for a user it names.
 *     A login still held by another user after that (one that keeps other clients, or is held)
 *     is 409, field portalUsers.login, nothing written, until that user is pushed with another
 *     login or removed (by a push of its other clients or their end).
 *     A push naming one login for two users is refused the same way (409, portalUsers.login,
 *     nothing written): whatever PinkWeb holds, retrying that push cannot help.
 *   - heldPortalUsers (optional) lists the mainKeys of users PinkWeb keeps as they are: the hub
 *     is in doubt about their login (shared, missing, disagreeing), so it neither grants nor takes
 *     away their access to this client, and does not change them, until the doubt is resolved.
 *   - formerClientNumbers (optional): numbers the client had before the firm renumbered it. When
 *     PinkWeb does not know client_id but knows one of them, it files that client under client_id
 *     (its contacts, and the portal users' access to it, move along) and then applies the push.
 *     A push under a number PinkWeb moved a client away from, naming none of the numbers it is
 *     filed under now, is refused (409): it was built before the renumbering.
 * End: `DELETE /api/clients/{client_id}` removes the client and its contacts; portal users lose
 *   access to it (and are removed when that was their last). 204; 404 when PinkWeb does not know
 *   the client (already gone).
 * Errors: 422 PinkwebErrorAnswer (validation), 401, 409, 429 with Retry-After, 5xx.
 *
 * No BSN and no date of birth: PinkWeb has no need for them.
 */

export interface PinkwebAddress {
  street: string;
  houseNumber: string;
  houseNumberAddition?: string;
  postcode: string;
  city: string;
  country: string;
}

export interface PinkwebContact {
  contactId: string;
  initials?: string;
  firstNames?: string;
  prefix?: string;
  surname: string;
  role?: string;
  email?: string;
  phone?: string;
  portal: boolean;
}

export interface PinkwebPortalUser {
  /** 'client:<uuid>' or 'contact:<uuid>', the hub's stable key. */
  mainKey: string;
  login: string;
  displayName: string;
  clientNumbers: string[];
}

export interface PinkwebClientPut {
  /** Must equal client_id in the path. */
  clientNumber: string;
  /** Numbers it was filed under before a renumbering, the latest first (see above); absent when none. */
  formerClientNumbers?: string[];
  debtorNumber?: string;
  kind: 'company' | 'person';
  name: string;
  searchName?: string;
  person?: { initials?: string; firstNames?: string; prefix?: string; surname: string };
  company?: { legalForm?: string; statutoryName: string; tradeName?: string; kvkNumber?: string; vatId?: string };
  address: PinkwebAddress;
  email?: string;
  contacts: PinkwebContact[];
  portalUsers: PinkwebPortalUser[];
  /** mainKeys of users kept as they are (see above); absent when none. */
  heldPortalUsers?: string[];
}

export interface PinkwebPutAnswer {
  clientId: string;
  outcome: 'created' | 'updated' | 'unchanged';
}

export interface PinkwebErrorAnswer {
  errors: Array<{ field: string; message: string }>;
}

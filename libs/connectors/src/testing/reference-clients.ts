import type { ClientPush, PushContact, PushPortalUser } from '../model/client-push';

/**
 * The reference scenario (test/fixtures/holding-cluster.ts) as pushes, once every client is Klant:
 * DGA1 (person 20001, invoice-to PH1), the holding H (20010, with its three contacts), DGA1's
 * personal holding PH1 (20011) and the work company W2 (20022, invoice-to H). Copied, not imported:
 * this lib stands alone. Synthetic people; the BSN and RSINs pass the elfproef.
 */
export const REFERENCE_IDS = {
  dga1: '0b6f3c1e-1d2a-4c1e-9a51-2f0d1a000001',
  dga2: '0b6f3c1e-1d2a-4c1e-9a51-2f0d1a000002',
  h: '0b6f3c1e-1d2a-4c1e-9a51-2f0d1a000010',
  ph1: '0b6f3c1e-1d2a-4c1e-9a51-2f0d1a000011',
  w2: '0b6f3c1e-1d2a-4c1e-9a51-2f0d1a000022',
  /** H-DGA1: Jan Pieter de Vries at H (main: client DGA1). */
  contactJan: '5c2a9d10-7b1e-4f3a-8e21-6a4b00000001',
  /** H-DGA2: Anna van den Berg at H (main: client DGA2). */
  contactAnna: '5c2a9d10-7b1e-4f3a-8e21-6a4b00000002',
  /** H-ADM: Marieke Jansen, head of administration at H (her own main). */
  contactMarieke: '5c2a9d10-7b1e-4f3a-8e21-6a4b00000003',
  /** PH1-DGA1. */
  contactJanAtPh1: '5c2a9d10-7b1e-4f3a-8e21-6a4b00000004',
  /** W2-DGA2. */
  contactAnnaAtW2: '5c2a9d10-7b1e-4f3a-8e21-6a4b00000005',
  /** W2-ADM (main: contact H-ADM). */
  contactMariekeAtW2: '5c2a9d10-7b1e-4f3a-8e21-6a4b00000006',
} as const;

/** Portal users by their main (one human, one login: the main's e-mail), with access as in the fixture's portalAccessByMain. */
const PORTAL_USERS = {
  dga1: {
    mainKey: `client:${REFERENCE_IDS.dga1}`,
    login: 'jan@devries-prive.nl',
    displayName: 'Jan Pieter de Vries',
    clientNumbers: ['20001', '20010', '20011', '20021'],
  },
  dga2: {
    mainKey: `client:${REFERENCE_IDS.dga2}`,
    login: 'anna@vandenberg-prive.nl',
    displayName: 'Anna van den Berg',
    clientNumbers: ['20002', '20010', '20012', '20022'],
  },
  hAdm: {
    mainKey: `contact:${REFERENCE_IDS.contactMarieke}`,
    login: 'm.jansen@vbholding.nl',
    displayName: 'Marieke Jansen',
    clientNumbers: ['20010', '20021', '20022'],
  },
} satisfies Record<string, PushPortalUser>;

const JAN = { initials: 'J.P.', firstNames: 'Jan Pieter', prefix: 'de', surname: 'Vries', role: 'Directeur', email: 'jan@vbholding.nl', phone: '030-2345671', portal: true };
const ANNA = { initials: 'A.', firstNames: 'Anna', prefix: 'van den', surname: 'Berg', role: 'Directeur', email: 'anna@vbholding.nl', phone: '030-2345672', portal: true };
const MARIEKE = { initials: 'M.', firstNames: 'Marieke', surname: 'Jansen', role: 'Hoofd administratie', email: 'm.jansen@vbholding.nl', phone: '030-2345680', portal: true };

const LINDELAAN_UTRECHT = { street: 'Lindelaan', houseNumber: '12', postcode: '3581 AB', city: 'Utrecht', country: 'NL' };

function users(...list: PushPortalUser[]): PushPortalUser[] {
  return list.map((user) => ({ ...user, clientNumbers: [...user.clientNumbers] }));
}

function contacts(...list: PushContact[]): PushContact[] {
  return list.map((contact) => ({ ...contact }));
}

export function referenceDGA1(): ClientPush {
  return {
    clientId: REFERENCE_IDS.dga1,
    clientNumber: '20001',
    debtorNumber: '20001',
    kind: 'person',
    status: 'Klant',
    name: 'Jan Pieter de Vries',
    searchName: 'VRIESJ',
    person: { initials: 'J.P.', firstNames: 'Jan Pieter', prefix: 'de', surname: 'Vries', dateOfBirth: '1968-04-12', bsn: '628194821' },
    address: { ...LINDELAAN_UTRECHT },
    email: 'jan@devries-prive.nl',
    invoiceTo: { clientId: REFERENCE_IDS.ph1, clientNumber: '20011' },
    contacts: [],
    portalUsers: users(PORTAL_USERS.dga1),
  };
}

export function referenceH(): ClientPush {
  return {
    clientId: REFERENCE_IDS.h,
    clientNumber: '20010',
    debtorNumber: '20010',
    kind: 'company',
    status: 'Klant',
    name: 'De Vries & Van den Berg Holding B.V.',
    searchName: 'VRIBERHOLD',
    company: {
      legalForm: 'BV',
      statutoryName: 'De Vries & Van den Berg Holding B.V.',
      tradeName: 'VB Holding',
      kvkNumber: '61234567',
      rsin: '792376092',
      vatId: 'NL792376092B01',
      iban: 'NL35TRIO5326502014',
    },
    address: { street: 'Stationsplein', houseNumber: '1', postcode: '3511 ED', city: 'Utrecht', country: 'NL' },
    contacts: contacts(
      { contactId: REFERENCE_IDS.contactJan, ...JAN },
      { contactId: REFERENCE_IDS.contactAnna, ...ANNA },
      { contactId: REFERENCE_IDS.contactMarieke, ...MARIEKE },
    ),
    portalUsers: users(PORTAL_USERS.dga1, PORTAL_USERS.dga2, PORTAL_USERS.hAdm),
  };
}

export function referencePH1(): ClientPush {
  return {
    clientId: REFERENCE_IDS.ph1,
    clientNumber: '20011',
    debtorNumber: '20011',
    kind: 'company',
    status: 'Klant',
    name: 'J.P. de Vries Beheer B.V.',
    searchName: 'JPVRIESBV',
    company: {
      legalForm: 'BV',
      statutoryName: 'J.P. de Vries Beheer B.V.',
      tradeName: 'JP de Vries Beheer',
      kvkNumber: '61234568',
      rsin: '995822542',
      vatId: 'NL995822542B01',
      iban: 'NL17TRIO2016849340',
    },
    address: { ...LINDELAAN_UTRECHT },
    contacts: contacts({ contactId: REFERENCE_IDS.contactJanAtPh1, ...JAN }),
    portalUsers: users(PORTAL_USERS.dga1),
  };
}

export function referenceW2(): ClientPush {
  return {
    clientId: REFERENCE_IDS.w2,
    clientNumber: '20022',
    debtorNumber: '20022',
    kind: 'company',
    status: 'Klant',
    name: 'VB Installatietechniek B.V.',
    searchName: 'VBINSTALL',
    company: {
      legalForm: 'BV',
      statutoryName: 'VB Installatietechniek B.V.',
      tradeName: 'VB Installatie',
      kvkNumber: '61234571',
      rsin: '598523534',
      vatId: 'NL598523534B01',
      iban: 'NL93ABNA8338014126',
    },
    address: { street: 'Industrieweg', houseNumber: '42', postcode: '3542 AD', city: 'Utrecht', country: 'NL' },
    invoiceTo: { clientId: REFERENCE_IDS.h, clientNumber: '20010' },
    contacts: contacts({ contactId: REFERENCE_IDS.contactAnnaAtW2, ...ANNA }, { contactId: REFERENCE_IDS.contactMariekeAtW2, ...MARIEKE }),
    portalUsers: users(PORTAL_USERS.dga2, PORTAL_USERS.hAdm),
  };
}

/** The four reference clients in the order the hub accepts them (invoice-to targets first). */
export function referenceClients(): ClientPush[] {
  return [referenceH(), referencePH1(), referenceDGA1(), referenceW2()];
}

/** The same client, ended on the given date. */
export function ended(client: ClientPush, endDate = '2025-12-31'): ClientPush {
  return { ...client, status: 'Geen klant meer', endDate };
}

import type { OrganogramClient, OrganogramContact, OrganogramModel } from '../organogram.model';

/** The firm's reference scenario: two DGAs, their personal holdings, the holding and two operating companies. */
export const REFERENCE_CLIENT_NAMES = [
  'De Vries & Van den Berg Holding B.V.',
  'J.P. de Vries Beheer B.V.',
  'A. van den Berg Beheer B.V.',
  'VB Bouw B.V.',
  'VB Installatietechniek B.V.',
  'J.P. de Vries',
  'A. van den Berg',
] as const;

const PERSON_PACKAGES = ['pinkweb', 'nextens', 'qicsmilestones'];
const COMPANY_PACKAGES = ['pinkweb', 'nextens', 'qicsmilestones', 'twinfield'];

function company(id: string, clientNumber: string, name: string, role: OrganogramClient['role']): OrganogramClient {
  return { id, clientNumber, name, kind: 'company', status: 'Klant', role, packages: [...COMPANY_PACKAGES] };
}

function person(id: string, clientNumber: string, name: string): OrganogramClient {
  return { id, clientNumber, name, kind: 'person', status: 'Klant', role: 'member', packages: [...PERSON_PACKAGES] };
}

/** Each contact with its portal on sees exactly the client it is registered at. */
function contact(id: string, name: string, atClientId: string, portal: boolean, extra: Partial<OrganogramContact> = {}): OrganogramContact {
  return { id, name, atClientId, portal, seesClientIds: portal ? [atClientId] : [], ...extra };
}

export function buildReferenceCluster(): OrganogramModel {
  return {
    title: 'Cluster De Vries & Van den Berg Holding B.V.',
    clients: [
      company('H', '20010', 'De Vries & Van den Berg Holding B.V.', 'head'),
      company('PH1', '20011', 'J.P. de Vries Beheer B.V.', 'member'),
      company('PH2', '20012', 'A. van den Berg Beheer B.V.', 'member'),
      company('W1', '20021', 'VB Bouw B.V.', 'member'),
      company('W2', '20022', 'VB Installatietechniek B.V.', 'member'),
      person('DGA1', '20001', 'J.P. de Vries'),
      person('DGA2', '20002', 'A. van den Berg'),
    ],
    ownerships: [
      { ownerId: 'DGA1', ownedId: 'PH1', percent: 100 },
      { ownerId: 'DGA2', ownedId: 'PH2', percent: 100 },
      { ownerId: 'PH1', ownedId: 'H', percent: 50 },
      { ownerId: 'PH2', ownedId: 'H', percent: 50 },
      { ownerId: 'H', ownedId: 'W1', percent: 100 },
      { ownerId: 'H', ownedId: 'W2', percent: 100 },
    ],
    invoiceTo: [
      { fromId: 'DGA1', toId: 'PH1' },
      { fromId: 'DGA2', toId: 'PH2' },
      { fromId: 'W2', toId: 'H' },
    ],
    contacts: [
      contact('H-jpdv', 'Jan Pieter de Vries', 'H', true, { role: 'Directeur', mainKey: 'DGA1' }),
      contact('H-avdb', 'Anna van den Berg', 'H', true, { role: 'Directeur', mainKey: 'DGA2' }),
      contact('H-mj', 'Marieke Jansen', 'H', true, { role: 'Hoofd administratie' }),
      contact('PH1-jpdv', 'Jan Pieter de Vries', 'PH1', true, { mainKey: 'DGA1' }),
      contact('PH2-avdb', 'Anna van den Berg', 'PH2', true, { mainKey: 'DGA2' }),
      contact('W1-jpdv', 'Jan Pieter de Vries', 'W1', true, { mainKey: 'DGA1' }),
      contact('W1-mj', 'Marieke Jansen', 'W1', true, { mainKey: 'H-mj' }),
      contact('W1-kb', 'Kees Bakker', 'W1', false, { role: 'Hoofd P&O' }),
      contact('W2-avdb', 'Anna van den Berg', 'W2', true, { mainKey: 'DGA2' }),
      contact('W2-mj', 'Marieke Jansen', 'W2', true, { mainKey: 'H-mj' }),
    ],
  };
}

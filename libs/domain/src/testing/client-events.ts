import type { ClientDetails, ClientKind } from '../client/client-details';
import type { ClientEvent, ClientRegistered } from '../client/client.events';
import { type ClientState, foldClient } from '../client/client.state';

/** Builders for given/when/then specs: the events a client's history starts from. */
export const companyDetails = (overrides: Partial<ClientDetails> = {}): ClientDetails => ({
  searchName: 'VRIBERHOLD',
  debtorNumber: '20010',
  company: { legalForm: 'BV', statutoryName: 'De Vries & Van den Berg Holding B.V.', kvkNumber: '61234567', rsin: '792376092' },
  address: { street: 'Stationsplein', houseNumber: '1', postcode: '3511 ED', city: 'Utrecht', country: 'NL' },
  packages: ['pinkweb', 'twinfield'],
  ...overrides,
});

export const personDetails = (overrides: Partial<ClientDetails> = {}): ClientDetails => ({
  searchName: 'VRIESJ',
  person: { initials: 'J.P.', firstNames: 'Jan Pieter', prefix: 'de', surname: 'Vries', bsn: '628194821' },
  address: { street: 'Lindelaan', houseNumber: '12', postcode: '3581 AB', city: 'Utrecht', country: 'NL' },
  email: 'jan@devries-prive.nl',
  packages: ['pinkweb'],
  ...overrides,
});

export function registered(clientId: string, kind: ClientKind = 'company', clientNumber = '20010'): ClientRegistered {
  return {
    type: 'ClientRegistered',
    data: {
      clientId,
      kind,
      clientNumber,
      status: 'Prospect',
      details: kind === 'company' ? companyDetails() : personDetails(),
    },
  };
}

export const given = (...events: ClientEvent[]): ClientState => foldClient(events);

import { OWNERSHIP_STRUCTURE_STREAM, relationStreamOf } from './relation-streams';

describe('where relation events are stored', () => {
  it('puts contact events on the contact’s stream, even when they name its client', () => {
    expect(relationStreamOf({ type: 'ContactRegistered', data: { contactId: 'k1', clientId: 'c1' } })).toBe('contact-k1');
    expect(relationStreamOf({ type: 'ContactPrivateDataSynced', data: { contactId: 'k1', clientId: 'c1' } })).toBe('contact-k1');
  });

  it('puts a person client’s list of linked contacts and its relations on the client’s stream', () => {
    expect(relationStreamOf({ type: 'ClientLinkedContactAdded', data: { clientId: 'c1', linkedContactId: 'k1' } })).toBe('client-c1');
    expect(relationStreamOf({ type: 'InvoicingClientAdded', data: { clientId: 'c2', fromClientId: 'c1' } })).toBe('client-c2');
  });

  it('puts every ownership change on the one structure stream', () => {
    const data = { ownershipId: 'o', ownerId: 'a', ownedId: 'b', percent: 10 };
    expect(relationStreamOf({ type: 'OwnershipRecorded', data })).toBe(OWNERSHIP_STRUCTURE_STREAM);
    expect(relationStreamOf({ type: 'OwnershipRemoved', data })).toBe(OWNERSHIP_STRUCTURE_STREAM);
  });

  it('leaves the client-number reservation to the client streams’ own mapping', () => {
    expect(relationStreamOf({ type: 'ClientNumberReserved', data: { clientNumber: '1', clientId: 'c1' } })).toBeUndefined();
  });
});

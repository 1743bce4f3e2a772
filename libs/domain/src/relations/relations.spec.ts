import type { ClientEvent } from '../client/client.events';
import { foldClient } from '../client/client.state';
import type { Ownership } from '../ownership/ownership.events';
import { companyDetails, registered } from '../testing/client-events';
import type { PackageName } from '../client/package-name';
import { decideClearInvoiceTo } from './clear-invoice-to.decide';
import type { ClientRelationEvent } from './client-relations.events';
import { foldClientRelations } from './client-relations.state';
import { decideLinkPartner, decideUnlinkPartner } from './link-partner.decide';
import type { RelatedClient } from './related-client';
import { decideSetCorrespondenceCompany } from './set-correspondence-company.decide';
import { decideSetInvoiceTo } from './set-invoice-to.decide';

const refusedWith = (code: string) => expect.objectContaining({ code });
type AnyEvent = ClientEvent | ClientRelationEvent;
const client = (...events: AnyEvent[]): RelatedClient => ({ state: foldClient(events), relations: foldClientRelations(events) });
const company = (id: string, ...more: AnyEvent[]) => client(registered(id, 'company'), ...more);
const person = (id: string, ...more: AnyEvent[]) => client(registered(id, 'person', '20001'), ...more);
const invoicesTo = (clientId: string, invoiceToId: string): AnyEvent => ({ type: 'InvoiceToSet', data: { clientId, invoiceToId } });
const invoicedBy = (clientId: string, fromClientId: string): AnyEvent => ({ type: 'InvoicingClientAdded', data: { clientId, fromClientId } });
const setInvoiceTo = (clientId: string, invoiceToId: string) => ({ type: 'SetInvoiceTo' as const, data: { clientId, invoiceToId } });
const withPackages = (clientId: string, packages: PackageName[], debtorNumber?: string): AnyEvent => ({
  type: 'ClientDetailsChanged',
  data: { clientId, details: { ...companyDetails({ packages }), debtorNumber }, changedFields: ['packages', 'debtorNumber'] },
});
const nowKlant = (clientId: string): AnyEvent => ({ type: 'ClientStatusChanged', data: { clientId, from: 'Ter goedkeuring', to: 'Klant' } });

describe('invoice-to', () => {
  it('given two clients, when A invoices to B, then A records its target and B its invoicing client', () => {
    expect(decideSetInvoiceTo(setInvoiceTo('W2', 'H'), company('W2'), company('H'))).toEqual([
      { type: 'InvoiceToSet', data: { clientId: 'W2', invoiceToId: 'H' } },
      { type: 'InvoicingClientAdded', data: { clientId: 'H', fromClientId: 'W2' } },
    ]);
  });

  it('given A invoices to B, when it switches to C, then B loses it', () => {
    const events = decideSetInvoiceTo(setInvoiceTo('A', 'C'), company('A', invoicesTo('A', 'B')), company('C'));
    expect(events.map((e) => [e.type, e.data.clientId])).toEqual([
      ['InvoiceToSet', 'A'],
      ['InvoicingClientAdded', 'C'],
      ['InvoicingClientRemoved', 'B'],
    ]);
  });

  it('when a client invoices to itself, then it is refused', () => {
    expect(() => decideSetInvoiceTo(setInvoiceTo('A', 'A'), company('A'), company('A'))).toThrow(refusedWith('invoice-to.self'));
  });

  it('when the target does not exist, then it is not found', () => {
    expect(() => decideSetInvoiceTo(setInvoiceTo('A', 'B'), company('A'), client())).toThrow(refusedWith('client.not-found'));
  });

  it('given B invoices to C, when A invoices to B, then it is refused as a chain naming both', () => {
    expect(() => decideSetInvoiceTo(setInvoiceTo('A', 'B'), company('A'), company('B', invoicesTo('B', 'C')))).toThrow(
      expect.objectContaining({ code: 'invoice-to.chain', details: { clientId: 'A', invoiceToId: 'B', via: 'C' } }),
    );
  });

  it('given C invoices to A, when A invoices to B, then it is refused as a chain', () => {
    expect(() => decideSetInvoiceTo(setInvoiceTo('A', 'B'), company('A', invoicedBy('A', 'C')), company('B'))).toThrow(
      refusedWith('invoice-to.chain'),
    );
  });

  it('given A invoices to B, when cleared, then both record it; when cleared again, it is refused', () => {
    expect(decideClearInvoiceTo({ type: 'ClearInvoiceTo', data: { clientId: 'A' } }, company('A', invoicesTo('A', 'B')))).toEqual([
      { type: 'InvoiceToCleared', data: { clientId: 'A', invoiceToId: 'B' } },
      { type: 'InvoicingClientRemoved', data: { clientId: 'B', fromClientId: 'A' } },
    ]);
    expect(() => decideClearInvoiceTo({ type: 'ClearInvoiceTo', data: { clientId: 'A' } }, company('A'))).toThrow(
      refusedWith('invoice-to.not-set'),
    );
  });
});

describe('invoice-to of a client already in the hours package', () => {
  const klantInQics = company('A', withPackages('A', ['qicsmilestones'], '20020'), nowKlant('A'));

  it('given a Klant in QicsMilestones, when its target is not linked to QicsMilestones, then it is refused naming the package', () => {
    expect(() => decideSetInvoiceTo(setInvoiceTo('A', 'B'), klantInQics, company('B', withPackages('B', ['twinfield'], '20030')))).toThrow(
      expect.objectContaining({
        code: 'invoice-to.target-not-in-package',
        details: expect.objectContaining({ package: 'qicsmilestones', invoiceToId: 'B' }),
        message: expect.stringContaining('is not linked to qicsmilestones'),
      }),
    );
  });

  it('given a Klant in QicsMilestones, when its target is linked there without a debtor number, then it is refused', () => {
    expect(() => decideSetInvoiceTo(setInvoiceTo('A', 'B'), klantInQics, company('B', withPackages('B', ['qicsmilestones'])))).toThrow(
      expect.objectContaining({ code: 'invoice-to.target-not-in-package', message: expect.stringContaining('has no debtor number') }),
    );
  });

  it('given a Klant in QicsMilestones, when its target goes there with a debtor number, then it is set', () => {
    const target = company('B', withPackages('B', ['qicsmilestones'], '20030'));
    expect(decideSetInvoiceTo(setInvoiceTo('A', 'B'), klantInQics, target).map((e) => e.type)).toEqual(['InvoiceToSet', 'InvoicingClientAdded']);
  });

  it('given a prospect in QicsMilestones or a Klant outside it, when the target is not there, then it is set (acceptance checks the first)', () => {
    const target = company('B', withPackages('B', ['twinfield'], '20030'));
    const prospect = company('A', withPackages('A', ['qicsmilestones'], '20020'));
    const klantElsewhere = company('A', withPackages('A', ['twinfield'], '20020'), nowKlant('A'));
    expect(decideSetInvoiceTo(setInvoiceTo('A', 'B'), prospect, target)).toHaveLength(2);
    expect(decideSetInvoiceTo(setInvoiceTo('A', 'B'), klantElsewhere, target)).toHaveLength(2);
  });
});

describe('life partner', () => {
  const link = (a: string, b: string) => ({ type: 'LinkPartner' as const, data: { clientId: a, partnerId: b } });
  const partnered = (a: string, b: string): AnyEvent => ({ type: 'PartnerLinked', data: { clientId: a, partnerId: b } });

  it('given two persons, when linked, then the link is symmetric: one event on each', () => {
    expect(decideLinkPartner(link('P1', 'P2'), person('P1'), person('P2'))).toEqual([
      { type: 'PartnerLinked', data: { clientId: 'P1', partnerId: 'P2' } },
      { type: 'PartnerLinked', data: { clientId: 'P2', partnerId: 'P1' } },
    ]);
  });

  it('given linked partners, when linked again, then nothing changes; when unlinked, both sides record it', () => {
    expect(decideLinkPartner(link('P1', 'P2'), person('P1', partnered('P1', 'P2')), person('P2', partnered('P2', 'P1')))).toEqual([]);
    expect(decideUnlinkPartner({ type: 'UnlinkPartner', data: { clientId: 'P2' } }, person('P2', partnered('P2', 'P1')))).toEqual([
      { type: 'PartnerUnlinked', data: { clientId: 'P2', partnerId: 'P1' } },
      { type: 'PartnerUnlinked', data: { clientId: 'P1', partnerId: 'P2' } },
    ]);
  });

  it('given the partner already has another partner, when linked, then it is refused', () => {
    expect(() => decideLinkPartner(link('P1', 'P2'), person('P1'), person('P2', partnered('P2', 'P3')))).toThrow(
      expect.objectContaining({ code: 'partner.already-linked', details: { clientId: 'P2', partnerId: 'P3' } }),
    );
    expect(() => decideLinkPartner(link('P1', 'P2'), person('P1', partnered('P1', 'P3')), person('P2'))).toThrow(
      refusedWith('partner.already-linked'),
    );
  });

  it('when a company or the person itself is chosen, then it is refused', () => {
    expect(() => decideLinkPartner(link('P1', 'H'), person('P1'), company('H'))).toThrow(refusedWith('partner.not-a-person'));
    expect(() => decideLinkPartner(link('P1', 'P1'), person('P1'), person('P1'))).toThrow(refusedWith('partner.self'));
  });
});

describe('correspondence company', () => {
  const set = (clientId: string, companyId: string) => ({ type: 'SetCorrespondenceCompany' as const, data: { clientId, companyId } });
  const joined = (clientId: string, headId: string): AnyEvent => ({ type: 'JoinedCluster', data: { clientId, headId } });
  const head = (clientId: string): AnyEvent => ({ type: 'ClusterHeadDesignated', data: { clientId } });

  it('given a person in the cluster of H, when H is chosen, then it is recorded', () => {
    expect(decideSetCorrespondenceCompany(set('DGA1', 'H'), person('DGA1', joined('DGA1', 'H')), company('H', head('H')).state, [])).toEqual([
      { type: 'CorrespondenceCompanySet', data: { clientId: 'DGA1', companyId: 'H' } },
    ]);
  });

  it('given a person owning PH1 through the ownership structure, when PH1 is chosen, then it is recorded', () => {
    const links: Ownership[] = [{ ownershipId: 'o1', ownerId: 'DGA1', ownedId: 'PH1', percent: 100 }];
    expect(decideSetCorrespondenceCompany(set('DGA1', 'PH1'), person('DGA1'), company('PH1').state, links)).toHaveLength(1);
  });

  it('given an unrelated company, when chosen, then it is refused', () => {
    expect(() => decideSetCorrespondenceCompany(set('DGA1', 'X'), person('DGA1'), company('X').state, [])).toThrow(
      refusedWith('correspondence-company.not-related'),
    );
  });

  it('given a person in the cluster of H, when another person of that cluster is chosen, then it is refused: it must be a company', () => {
    const partner = person('DGA2', joined('DGA2', 'H')).state;
    expect(() => decideSetCorrespondenceCompany(set('DGA1', 'DGA2'), person('DGA1', joined('DGA1', 'H')), partner, [])).toThrow(
      expect.objectContaining({ code: 'correspondence-company.not-a-company', details: { clientId: 'DGA2' } }),
    );
  });

  it('given a company client, when it chooses one, then it is refused: only persons do', () => {
    expect(() => decideSetCorrespondenceCompany(set('W1', 'H'), company('W1'), company('H').state, [])).toThrow(
      refusedWith('correspondence-company.not-a-person'),
    );
  });
});

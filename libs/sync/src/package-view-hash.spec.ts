import { type ClientPush, type PackageName, packageView } from '@koppelhub/connectors';
import { ended, REFERENCE_IDS, referenceDGA1, referenceH } from '../../connectors/src/testing/reference-clients';
import { payloadHash } from './payload-hash';

/**
 * The hash a delivery is decided by is taken over the package's own view of the push (what its
 * adapter sends), not over the hub's whole push: a change a package ignores sends it nothing, a
 * change it uses is sent. H is the reference holding (a Klant company, three contacts with portal
 * access, three portal users); each change below is made to it alone.
 */
const hashOf = (pkg: PackageName, client: ClientPush) => payloadHash(packageView(pkg, client));

type Change = (client: ClientPush) => ClientPush;
const company = (fields: Partial<NonNullable<ClientPush['company']>>): Change => (c) => ({ ...c, company: { ...c.company!, ...fields } });
const firstContact = (fields: Partial<ClientPush['contacts'][number]>): Change => (c) => ({
  ...c,
  contacts: c.contacts.map((contact, i) => (i === 0 ? { ...contact, ...fields } : contact)),
});

const CHANGES = {
  'legal form': company({ legalForm: 'NV' }),
  IBAN: company({ iban: 'NL91ABNA0417164300' }),
  'fiscal number (RSIN)': company({ rsin: '598523534' }),
  'fiscal sequence': company({ fiscalSequence: 2 }),
  'chamber-of-commerce number': company({ kvkNumber: '61234599' }),
  'VAT number': company({ vatId: 'NL598523534B01' }),
  'trade name': company({ tradeName: 'VBH' }),
  'statutory name (its name)': (c) => ({ ...c, name: 'VB Holding B.V.', company: { ...c.company!, statutoryName: 'VB Holding B.V.' } }),
  'search name': (c) => ({ ...c, searchName: 'VBHOLD' }),
  address: (c) => ({ ...c, address: { ...c.address, street: 'Lange Viestraat', houseNumber: '2' } }),
  'e-mail': (c) => ({ ...c, email: 'info@vbholding.nl' }),
  'debtor number': (c) => ({ ...c, debtorNumber: '29010' }),
  'client number (renumbered)': (c) => ({ ...c, clientNumber: '20910', formerClientNumbers: ['20010'] }),
  "contact's role": firstContact({ role: 'Commissaris' }),
  "contact's phone": firstContact({ phone: '030-9999999' }),
  "contact's portal switch": firstContact({ portal: false }),
  "portal users' access": (c) => ({ ...c, portalUsers: c.portalUsers.map((u, i) => (i === 0 ? { ...u, clientNumbers: [...u.clientNumbers, '20099'] } : u)) }),
  'held portal users': (c) => ({ ...c, heldPortalUsers: [c.portalUsers[0]!.mainKey] }),
  'invoice-to': (c) => ({ ...c, invoiceTo: { clientId: REFERENCE_IDS.ph1, clientNumber: '20011' } }),
} satisfies Record<string, Change>;
type ChangeName = keyof typeof CHANGES;

/** Per package, the changes to H its adapter sends (every other change in CHANGES it ignores). */
const USED: Record<PackageName, readonly ChangeName[]> = {
  pinkweb: [
    'legal form', 'chamber-of-commerce number', 'VAT number', 'trade name', 'statutory name (its name)', 'search name', 'address',
    'e-mail', 'debtor number', 'client number (renumbered)', "contact's role", "contact's phone", "contact's portal switch",
    "portal users' access", 'held portal users',
  ],
  casewarecloud: [
    'fiscal number (RSIN)', 'chamber-of-commerce number', 'VAT number', 'trade name', 'statutory name (its name)', 'address', 'e-mail',
    'client number (renumbered)', "contact's role", "contact's phone", "contact's portal switch",
  ],
  nextens: [
    'legal form', 'fiscal number (RSIN)', 'fiscal sequence', 'chamber-of-commerce number', 'VAT number', 'trade name',
    'statutory name (its name)', 'address', 'e-mail', 'client number (renumbered)',
  ],
  qicsmilestones: ['statutory name (its name)', 'debtor number', 'client number (renumbered)', 'invoice-to'],
  twinfield: [
    'IBAN', 'chamber-of-commerce number', 'VAT number', 'statutory name (its name)', 'search name', 'address', 'e-mail', 'debtor number',
  ],
};

const cases = (used: boolean) =>
  (Object.keys(USED) as PackageName[]).flatMap((pkg) =>
    (Object.keys(CHANGES) as ChangeName[]).filter((name) => USED[pkg].includes(name) === used).map((name) => [pkg, name] as const),
  );

describe("a package's hash, over its own view of the push", () => {
  it.each(cases(false))('given H in %s, when only its %s changes, then the hash stays as it was: nothing is sent', (pkg, name) => {
    const before = referenceH();
    expect(hashOf(pkg, CHANGES[name](before))).toBe(hashOf(pkg, before));
  });

  it.each(cases(true))('given H in %s, when its %s changes, then the hash changes: the change is sent', (pkg, name) => {
    const before = referenceH();
    expect(hashOf(pkg, CHANGES[name](before))).not.toBe(hashOf(pkg, before));
  });

  it('given H in any package, when QicsMilestones\' id of its invoice-to target becomes known to the hub, then no hash changes (the record is no data of the client)', () => {
    const invoicing = CHANGES['invoice-to'](referenceH());
    const known = { ...invoicing, invoiceTo: { ...invoicing.invoiceTo!, externalId: '17' } };
    for (const pkg of Object.keys(USED) as PackageName[]) expect([pkg, hashOf(pkg, known)]).toEqual([pkg, hashOf(pkg, invoicing)]);
  });

  describe('an ended client (Geen klant meer, or its package switched off)', () => {
    const before = ended(referenceH(), '2026-11-30');

    it('given H ended, then every package is told: its hash differs from the Klant one', () => {
      for (const pkg of Object.keys(USED) as PackageName[]) expect([pkg, hashOf(pkg, before)]).not.toEqual([pkg, hashOf(pkg, referenceH())]);
    });

    it('given H ended, when its contacts or portal users change, then nothing is sent anywhere (PinkWeb deleted it, CaseWare keeps its persons as they are)', () => {
      const changed = CHANGES["portal users' access"](CHANGES["contact's role"](before));
      for (const pkg of Object.keys(USED) as PackageName[]) expect([pkg, hashOf(pkg, changed)]).toEqual([pkg, hashOf(pkg, before)]);
    });

    it('given H ended, when its invoice-to changes, then QicsMilestones keeps the agreement it has: nothing is sent', () => {
      expect(hashOf('qicsmilestones', CHANGES['invoice-to'](before))).toBe(hashOf('qicsmilestones', before));
    });

    it('given H ended, when its address changes, then PinkWeb, which deleted it, is sent nothing; CaseWare, Nextens and Twinfield, which keep it, are', () => {
      const moved = CHANGES.address(before);
      expect((Object.keys(USED) as PackageName[]).filter((pkg) => hashOf(pkg, moved) !== hashOf(pkg, before)).sort()).toEqual([
        'casewarecloud', 'nextens', 'twinfield',
      ]);
    });

    it('given H ended, when its end date changes, then only Nextens, which is sent the date, is sent it', () => {
      const later = { ...before, endDate: '2026-12-31' };
      expect((Object.keys(USED) as PackageName[]).filter((pkg) => hashOf(pkg, later) !== hashOf(pkg, before))).toEqual(['nextens']);
    });

    it('given H ended and renumbered, then PinkWeb is told to delete it under its former number too', () => {
      expect(hashOf('pinkweb', CHANGES['client number (renumbered)'](before))).not.toBe(hashOf('pinkweb', before));
    });
  });

  describe('CaseWare Cloud, which makes a person of each contact with an e-mail', () => {
    const withoutEmail = (c: ClientPush): ClientPush => ({ ...c, contacts: [...c.contacts, { contactId: 'k9', surname: 'Zonder', portal: false }] });
    const held = firstContact({ portalHeld: true });

    it('given a contact without an e-mail, when it changes, then CaseWare is sent nothing, PinkWeb is', () => {
      const before = withoutEmail(referenceH());
      const after = { ...before, contacts: before.contacts.map((c) => (c.contactId === 'k9' ? { ...c, role: 'Stagiair' } : c)) };
      expect(hashOf('casewarecloud', after)).toBe(hashOf('casewarecloud', before));
      expect(hashOf('pinkweb', after)).not.toBe(hashOf('pinkweb', before));
    });

    it('given a contact whose portal login is in doubt, when it is held, then CaseWare is told; when its role changes while held, it is not', () => {
      const before = held(referenceH());
      expect(hashOf('casewarecloud', before)).not.toBe(hashOf('casewarecloud', referenceH()));
      expect(hashOf('casewarecloud', CHANGES["contact's role"](before))).toBe(hashOf('casewarecloud', before));
    });
  });

  describe('Nextens, which keys a person by the BSN and is sent the date of birth', () => {
    const withPerson = (fields: Partial<NonNullable<ClientPush['person']>>) => ({ ...referenceDGA1(), person: { ...referenceDGA1().person!, ...fields } });

    it.each([
      ['BSN', { bsn: '252760189' }],
      ['date of birth', { dateOfBirth: '1968-04-13' }],
    ])('given DGA1, when its %s changes, then Nextens is sent it and no other package', (_name, fields) => {
      const after = withPerson(fields);
      const changed = (['pinkweb', 'nextens', 'qicsmilestones', 'twinfield'] as const).filter((pkg) => hashOf(pkg, after) !== hashOf(pkg, referenceDGA1()));
      expect(changed).toEqual(['nextens']);
    });

    it('given DGA1 without a BSN, then its view is the refusal (the dispatcher is not thrown at), and a BSN given later is sent', () => {
      const without = withPerson({ bsn: undefined });
      expect(packageView('nextens', without)).toEqual({ refused: expect.stringContaining('has no BSN') });
      expect(hashOf('nextens', referenceDGA1())).not.toBe(hashOf('nextens', without));
    });
  });

  it('given a client lacking what a package keys on (no debtor number, no BSN), then every view is still built: the dispatcher is never thrown at', () => {
    const bare: ClientPush = { ...referenceDGA1(), debtorNumber: undefined, person: { surname: 'Vries' }, invoiceTo: undefined };
    for (const pkg of Object.keys(USED) as PackageName[]) expect(() => hashOf(pkg, bare)).not.toThrow();
    expect(hashOf('twinfield', bare)).not.toBe(hashOf('twinfield', referenceDGA1()));
  });

  it('given a name longer than QicsMilestones keeps, when it changes beyond what it keeps, then QicsMilestones is sent nothing, the others are', () => {
    const long = (tail: string): ClientPush => ({ ...referenceH(), name: `Vennootschap onder firma De Vries en Van den Berg ${tail}` });
    expect(hashOf('qicsmilestones', long('Holding'))).toBe(hashOf('qicsmilestones', long('Beheer')));
    expect(hashOf('twinfield', long('Holding'))).not.toBe(hashOf('twinfield', long('Beheer')));
  });
});

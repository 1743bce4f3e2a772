import { buildReferenceCluster } from '../testing/reference-cluster';
import { encodeIdPart } from './ids';
import { indexOrganogram, validateOrganogramModel } from './organogram-index';
import { packageBadges, packageShortList } from './packages';
import { cleanText, formatPercent, groupLetter } from './text';

describe('organogram labels', () => {
  it('encodes ids one-to-one into letters, digits and _', () => {
    expect(encodeIdPart('H')).toBe('H');
    expect(encodeIdPart('W1-kb')).toBe('W1_2d_kb');
    expect(encodeIdPart('a_b')).toBe('a_5f_b');
    expect(encodeIdPart('a-b')).not.toBe(encodeIdPart('a_b'));
    expect(encodeIdPart('é"<')).toMatch(/^[A-Za-z0-9_]+$/);
  });

  it('writes percentages the Dutch way', () => {
    expect(formatPercent(100)).toBe('100%');
    expect(formatPercent(50)).toBe('50%');
    expect(formatPercent(33.3333)).toBe('33,33%');
  });

  it('shows packages as short badges in a fixed order, keeping unknown ones', () => {
    expect(packageShortList(['twinfield', 'pinkweb', 'qicsmilestones', 'nextens', 'casewarecloud'])).toBe('PW CW NX QM TF');
    expect(packageShortList([])).toBe('geen pakketten');
    expect(packageBadges(['PinkWeb', 'exact']).map((b) => b.short)).toEqual(['PW', 'exact']);
  });

  it('collapses whitespace so a name stays one line', () => {
    expect(cleanText('  VB\n Bouw\tB.V. ')).toBe('VB Bouw B.V.');
  });

  it('letters portal groups A…Z, AA…', () => {
    expect([0, 1, 25, 26, 27].map(groupLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AB']);
  });

  it('groups the contacts of one portal user, including a main that is named by its contact id', () => {
    const index = indexOrganogram(buildReferenceCluster());
    const letter = (id: string): string | undefined => {
      const contact = index.contacts.find((c) => c.id === id);
      return contact === undefined ? 'missing' : index.groupOf(contact)?.letter;
    };
    expect(['H-jpdv', 'PH1-jpdv', 'W1-jpdv'].map(letter)).toEqual(['A', 'A', 'A']);
    expect(['H-avdb', 'PH2-avdb', 'W2-avdb'].map(letter)).toEqual(['B', 'B', 'B']);
    expect(['H-mj', 'W1-mj', 'W2-mj'].map(letter)).toEqual(['C', 'C', 'C']);
    expect(letter('W1-kb')).toBeUndefined();
  });

  it('drops dangling references and duplicates but reports them', () => {
    const model = buildReferenceCluster();
    model.clients.push({ ...model.clients[0] });
    model.ownerships.push({ ownerId: 'H', ownedId: 'GONE', percent: 120 });
    model.invoiceTo.push({ fromId: 'GONE', toId: 'H' });
    model.contacts.push({ id: 'loose', name: 'Los', atClientId: 'GONE', portal: true, seesClientIds: ['GONE'] });
    const index = indexOrganogram(model);
    expect(index.clients).toHaveLength(7);
    expect(index.ownerships).toHaveLength(6);
    expect(index.invoiceTo).toHaveLength(3);
    expect(index.looseContacts.map((c) => c.id)).toEqual(['loose']);
    expect(validateOrganogramModel(model)).toEqual([
      'client H appears more than once',
      'ownership H → GONE names an unknown client',
      'ownership H → GONE has percentage 120',
      'invoice-to GONE → H names an unknown client',
      'contact loose is at unknown client GONE',
      'contact loose sees unknown client GONE',
    ]);
    expect(validateOrganogramModel(buildReferenceCluster())).toEqual([]);
  });
});

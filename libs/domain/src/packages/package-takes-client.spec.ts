import { PACKAGE_NAMES } from '../client/package-name';
import { takesANewClientIn } from './package-takes-client';

describe('the statuses in which a package takes a client it does not hold yet', () => {
  it('given a Klant, then every package takes it', () => {
    expect(PACKAGE_NAMES.filter((pkg) => takesANewClientIn(pkg, 'Klant'))).toEqual([...PACKAGE_NAMES]);
  });

  it('given a client that has ended, then only Nextens and QicsMilestones take it (docs/domain.md: Klant or Geen klant meer)', () => {
    expect(PACKAGE_NAMES.filter((pkg) => takesANewClientIn(pkg, 'Geen klant meer'))).toEqual(['nextens', 'qicsmilestones']);
  });

  it('given a client before Klant, then no package takes it', () => {
    for (const status of ['Prospect', 'Klantaanvraag', 'Ter goedkeuring', 'Afgewezen'] as const) {
      expect(PACKAGE_NAMES.filter((pkg) => takesANewClientIn(pkg, status))).toEqual([]);
    }
  });
});

import type { PackageName } from '@koppelhub/domain';
import type { RegisterClientInput } from '../clients/register-client/register-client.command';

/** A plain company as `RegisterClientCommand` takes it: `<name> B.V.` in Utrecht, in the given packages. */
export function companyRegistration(clientNumber: string, name: string, packages: PackageName[] = []): RegisterClientInput {
  return {
    kind: 'company',
    clientNumber,
    details: {
      searchName: name.toUpperCase(),
      company: { legalForm: 'BV', statutoryName: `${name} B.V.` },
      address: { street: 'Stationsplein', houseNumber: '1', postcode: '3511 ED', city: 'Utrecht', country: 'NL' },
      packages,
    },
  };
}

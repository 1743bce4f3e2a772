/** The body of `POST /api/clients` for a plain company outside the reference scenario, in PinkWeb only. */
export function companyRegistration(clientNumber: string, name: string, packages: string[] = ['pinkweb']) {
  return {
    kind: 'company',
    clientNumber,
    searchName: name.toUpperCase(),
    company: { legalForm: 'BV', statutoryName: `${name} B.V.` },
    address: { street: 'Teststraat', houseNumber: '1', postcode: '1234 AB', city: 'Utrecht', country: 'NL' },
    packages,
  };
}

import { randomUUID } from 'node:crypto';
import type { NewEvent } from '@koppelhub/eventstore';

const metadata = { actor: 'test', commandId: 'c', correlationId: 'c' };

/** Company details named `name` throughout, as the client-search fold reads them. */
const detailsNamed = (name: string, packages: string[]) => ({
  searchName: name,
  company: { statutoryName: name },
  address: { street: 'Straat', houseNumber: '1', postcode: '1234 AB', city: 'Utrecht', country: 'NL' },
  packages,
});

/** A company registered under `name` as its client number and every name. */
export const companyRegistered = (clientId: string, name: string, packages: string[] = []): NewEvent => ({
  id: randomUUID(),
  type: 'ClientRegistered',
  data: { clientId, kind: 'company', clientNumber: name, status: 'Prospect', details: detailsNamed(name, packages) },
  metadata,
});

/** The company's names changed to `name`. */
export const companyRenamed = (clientId: string, name: string): NewEvent => ({
  id: randomUUID(),
  type: 'ClientDetailsChanged',
  data: { clientId, details: detailsNamed(name, []), changedFields: ['searchName'] },
  metadata,
});

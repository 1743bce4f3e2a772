import type { OrganogramClient, OrganogramContact, OrganogramModel } from '../organogram.model';
import { buildReferenceCluster } from './reference-cluster';

const TRADES = ['Bouw', 'Installatie', 'Vastgoed', 'Transport', 'Advies', 'Detailhandel', 'Horeca', 'Techniek', 'Zorg', 'ICT'];
const FIRST = ['Sanne', 'Pieter', 'Fatima', 'Daan', 'Eva', 'Mohamed', 'Lotte', 'Bram'];
const LAST = ['de Boer', 'Visser', 'Smit', 'El Amrani', 'Mulder', 'Bos', "van 't Hof", 'Dekker'];

/**
 * The reference cluster grown to `size` clients: extra operating companies under the holding, a few
 * under W1, with one to three contacts each, some of them seeing a sister company in the portal.
 * Deterministic, so a rendering can be compared between runs.
 */
export function buildLargeCluster(size = 30): OrganogramModel {
  const model = buildReferenceCluster();
  model.title = `Cluster De Vries & Van den Berg Holding B.V. (${size} klanten)`;
  for (let n = model.clients.length; n < size; n++) {
    const id = `X${n}`;
    const owner = n % 5 === 0 ? 'W1' : 'H';
    const client: OrganogramClient = {
      id,
      clientNumber: String(20100 + n),
      name: `VB ${TRADES[n % TRADES.length]} ${n % 3 === 0 ? 'Noord' : n % 3 === 1 ? 'Zuid' : 'Oost'} B.V.`,
      kind: 'company',
      status: n % 7 === 0 ? 'Prospect' : 'Klant',
      role: n % 11 === 0 ? 'none' : 'member',
      packages: n % 4 === 0 ? ['pinkweb', 'twinfield'] : ['pinkweb', 'nextens', 'casewarecloud'],
    };
    model.clients.push(client);
    model.ownerships.push({ ownerId: owner, ownedId: id, percent: n % 6 === 0 ? 66.67 : 100 });
    if (n % 4 === 1) model.invoiceTo.push({ fromId: id, toId: 'H' });
    for (let c = 0; c < 1 + (n % 3); c++) {
      const portal = (n + c) % 4 !== 0;
      const contact: OrganogramContact = {
        id: `${id}-c${c}`,
        name: `${FIRST[(n + c) % FIRST.length]} ${LAST[(n * 3 + c) % LAST.length]}`,
        role: c === 0 ? 'Directeur' : undefined,
        atClientId: id,
        portal,
        seesClientIds: portal ? [id, ...(n % 6 === 2 && c === 0 ? ['W1'] : [])] : [],
      };
      model.contacts.push(contact);
    }
  }
  return model;
}

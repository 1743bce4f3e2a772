import type { AllSandboxes } from '@koppelhub/connectors';
import { holdingCluster } from '../fixtures/holding-cluster';
import { refOf } from './approved-scenario';
import type { ScenarioIds } from './reference-scenario';

/** QicsMilestones' invoice-to links between scenario clients, by ref (it links by its own ids). */
export function qicsInvoiceTo(sandboxes: AllSandboxes): Record<string, string> {
  const records = sandboxes.qicsmilestones.records();
  const codeById = new Map(records.map((r) => [r.CustomerCompanyId, r.CustomerCode]));
  return Object.fromEntries(
    records
      .filter((r) => r.InvoiceToCustomerCompanyId)
      .map((r) => [refOf(r.CustomerCode), refOf(codeById.get(r.InvoiceToCustomerCompanyId!)!)]),
  );
}

/** PinkWeb's portal users as `kind:ref` of their main, each with the refs of the clients they see. */
export function pinkwebPortalUsers(sandboxes: AllSandboxes, ids: ScenarioIds): Record<string, string[]> {
  const refOfId = new Map(Object.entries(ids.clients).map(([ref, id]) => [id, ref]));
  const refOfContact = new Map(Object.entries(ids.contacts).map(([ref, id]) => [id, ref]));
  return Object.fromEntries(
    sandboxes.pinkweb.records().portalUsers.map((u) => {
      const [kind, id] = u.mainKey.split(':');
      const ref = kind === 'client' ? refOfId.get(id) : refOfContact.get(id);
      return [`${kind}:${ref}`, u.clientNumbers.map(refOf).sort()];
    }),
  );
}

/** The portal users the scenario expects in PinkWeb (mains with access to at least one client). */
export function expectedPortalUsers(): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(holdingCluster.expected.portalAccessByMain)
      .filter(([, refs]) => refs.length > 0)
      .map(([key, refs]) => [key, [...refs].sort()]),
  );
}

/** Writes the sandboxes received (token requests and reads left out). */
export function writesReceived(sandboxes: AllSandboxes): number {
  return [sandboxes.pinkweb, sandboxes.casewarecloud, sandboxes.nextens, sandboxes.qicsmilestones, sandboxes.twinfield]
    .flatMap((sandbox) => sandbox.requests())
    .filter((r) => r.method !== 'GET' && !r.path.includes('token')).length;
}

import { ClientNotFound } from '../client/client.errors';
import type { ClientState } from '../client/client.state';
import type { Ownership } from '../ownership/ownership.events';
import { ownershipPath } from '../ownership/ownership.state';
import type { CorrespondenceCompanyCleared, CorrespondenceCompanySet } from './client-relations.events';
import type { RelatedClient } from './related-client';
import { CompanyNotRelated, NoCorrespondenceCompany, NotACompanyClient, NotAPersonClient } from './relations.errors';

export interface SetCorrespondenceCompany {
  type: 'SetCorrespondenceCompany';
  data: { clientId: string; companyId: string };
}

const headOf = (client: ClientState): string | undefined =>
  !client.exists ? undefined : client.cluster.role === 'head' ? client.id : client.cluster.role === 'member' ? client.cluster.headId : undefined;

/** Related: in the same cluster, or linked through the ownership structure (the person owns it, directly or not). */
export function isRelatedCompany(person: ClientState, company: ClientState, links: readonly Ownership[]): boolean {
  if (!person.exists || !company.exists) return false;
  const head = headOf(person);
  if (head !== undefined && head === headOf(company)) return true;
  return ownershipPath(links, company.id, person.id) !== undefined;
}

/** Bedrijfsgegevens: paper mail of a person client goes to a company it is related to. */
export function decideSetCorrespondenceCompany(
  command: SetCorrespondenceCompany,
  person: RelatedClient,
  company: ClientState,
  links: readonly Ownership[],
): CorrespondenceCompanySet[] {
  const { clientId, companyId } = command.data;
  if (!person.state.exists) throw new ClientNotFound(clientId);
  if (person.state.kind !== 'person') throw new NotAPersonClient('correspondence-company', clientId);
  if (!company.exists) throw new ClientNotFound(companyId);
  if (company.kind !== 'company') throw new NotACompanyClient('correspondence-company', companyId);
  if (person.relations.correspondenceCompanyId === companyId) return [];
  if (!isRelatedCompany(person.state, company, links)) throw new CompanyNotRelated(clientId, companyId);
  return [{ type: 'CorrespondenceCompanySet', data: { clientId, companyId } }];
}

export interface ClearCorrespondenceCompany {
  type: 'ClearCorrespondenceCompany';
  data: { clientId: string };
}

export function decideClearCorrespondenceCompany(
  command: ClearCorrespondenceCompany,
  person: RelatedClient,
): CorrespondenceCompanyCleared[] {
  const { clientId } = command.data;
  if (!person.state.exists) throw new ClientNotFound(clientId);
  const companyId = person.relations.correspondenceCompanyId;
  if (companyId === undefined) throw new NoCorrespondenceCompany(clientId);
  return [{ type: 'CorrespondenceCompanyCleared', data: { clientId, companyId } }];
}

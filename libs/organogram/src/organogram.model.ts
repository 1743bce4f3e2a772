/**
 * The plain input of the organogram: one cluster of clients as the read models see it. Nothing here
 * knows about events or aggregates, so the lead can feed it from any projection.
 */
export type OrganogramClientKind = 'company' | 'person';
export type OrganogramClientRole = 'head' | 'member' | 'none';

export interface OrganogramClient {
  id: string;
  clientNumber: string;
  name: string;
  kind: OrganogramClientKind;
  status: string;
  role: OrganogramClientRole;
  /** pinkweb, casewarecloud, nextens, qicsmilestones, twinfield (unknown names are shown as given). */
  packages: string[];
  /** The client the user is looking at: highlighted. */
  selected?: boolean;
}

export interface OrganogramOwnership {
  ownerId: string;
  ownedId: string;
  percent: number;
}

export interface OrganogramContact {
  id: string;
  name: string;
  role?: string;
  atClientId: string;
  portal: boolean;
  /** The portal user group it belongs to: the same person registered at several clients. */
  mainKey?: string;
  seesClientIds: string[];
}

export interface OrganogramInvoiceTo {
  fromId: string;
  toId: string;
}

export interface OrganogramModel {
  title: string;
  clients: OrganogramClient[];
  ownerships: OrganogramOwnership[];
  contacts: OrganogramContact[];
  invoiceTo: OrganogramInvoiceTo[];
}

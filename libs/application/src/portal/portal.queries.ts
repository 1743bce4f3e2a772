import { Query } from '@nestjs/cqrs';
import type { PortalProblem } from '@koppelhub/domain';

export interface PortalUserView {
  key: string;
  main: { kind: 'client' | 'contact'; id: string; name?: string };
  login?: string;
  contactIds: string[];
  clients: Array<{ id: string; clientNumber?: string; name?: string }>;
}

/** A page of the portal users (by key), with every problem of the portal, whichever page its users are on. */
export interface PortalUsersView {
  items: PortalUserView[];
  total: number;
  page: number;
  pageSize: number;
  problems: PortalProblem[];
}

export class ListPortalUsersQuery extends Query<PortalUsersView> {
  constructor(
    readonly page: number,
    readonly pageSize: number,
  ) {
    super();
  }
}

export interface ClientPortalAccessView {
  clientId: string;
  /** The portal users that see this client, with the registration that gives them access. */
  users: Array<PortalUserView & { viaContactIds: string[] }>;
  problems: PortalProblem[];
}

export class GetClientPortalAccessQuery extends Query<ClientPortalAccessView> {
  constructor(readonly clientId: string) {
    super();
  }
}

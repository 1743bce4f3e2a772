import type { DomainEvent } from '../shared/domain-event';
import type { ClientDetails, ClientKind } from './client-details';
import type { CalendarDate } from '../shared/calendar-date';
import type { ClientStatus, StartStatus } from './client-status';

/**
 * Events of one client's stream (`client-<id>`). Every event names the client whose stream it
 * belongs to in `clientId`; a decision touching two clients emits one event per client.
 */
export type ClientRegistered = DomainEvent<
  'ClientRegistered',
  { clientId: string; kind: ClientKind; clientNumber: string; status: StartStatus; details: ClientDetails }
>;
export type ClientDetailsChanged = DomainEvent<
  'ClientDetailsChanged',
  { clientId: string; details: ClientDetails; changedFields: string[] }
>;
export type ClusterHeadDesignated = DomainEvent<'ClusterHeadDesignated', { clientId: string }>;
export type ClusterHeadRevoked = DomainEvent<'ClusterHeadRevoked', { clientId: string }>;
/** On the member's stream. */
export type JoinedCluster = DomainEvent<'JoinedCluster', { clientId: string; headId: string }>;
/** On the head's stream, so a concurrent revoke of the head conflicts with the attach. */
export type ClusterMemberAdded = DomainEvent<'ClusterMemberAdded', { clientId: string; memberId: string }>;
export type LeftCluster = DomainEvent<'LeftCluster', { clientId: string; headId: string }>;
export type ClusterMemberRemoved = DomainEvent<'ClusterMemberRemoved', { clientId: string; memberId: string }>;

/**
 * klantstatus changed through acceptance (or ended). Carries what the step needed: the approver a
 * request names, the reason of a rejection, the end date and retention dates of Geen klant meer.
 */
export type ClientStatusChanged = DomainEvent<
  'ClientStatusChanged',
  {
    clientId: string;
    from: ClientStatus;
    to: ClientStatus;
    approverId?: string;
    reason?: string;
    endDate?: CalendarDate;
    retention?: { wwftUntil: CalendarDate; fiscalUntil: CalendarDate };
  }
>;

export type ClientEvent =
  | ClientRegistered
  | ClientStatusChanged
  | ClientDetailsChanged
  | ClusterHeadDesignated
  | ClusterHeadRevoked
  | JoinedCluster
  | ClusterMemberAdded
  | LeftCluster
  | ClusterMemberRemoved;

/**
 * On the client-number reservation stream (`client_number-<number>`). Written by registrations
 * before a client's id was derived from its number; no longer written, still read and honoured.
 */
export type ClientNumberReserved = DomainEvent<'ClientNumberReserved', { clientNumber: string; clientId: string }>;

export const CLIENT_EVENT_TYPES: ReadonlySet<string> = new Set<ClientEvent['type']>([
  'ClientRegistered',
  'ClientDetailsChanged',
  'ClientStatusChanged',
  'ClusterHeadDesignated',
  'ClusterHeadRevoked',
  'JoinedCluster',
  'ClusterMemberAdded',
  'LeftCluster',
  'ClusterMemberRemoved',
]);

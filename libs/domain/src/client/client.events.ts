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
/**
 * A new client number (hernummeren): packages key on the number, so it changes only by this
 * explicit command, which every connector handles. The old number stays taken.
 */
export type ClientRenumbered = DomainEvent<'ClientRenumbered', { clientId: string; from: string; to: string }>;
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
  | ClientRenumbered
  | ClusterHeadDesignated
  | ClusterHeadRevoked
  | JoinedCluster
  | ClusterMemberAdded
  | LeftCluster
  | ClusterMemberRemoved;

/**
 * On the client-number reservation stream (`client_number-<number>`). A client's id derives from
 * the number it was registered with; a number it took later by renumbering is reserved here (as
 * registrations reserved numbers before ids were derived), and a registration checks it is free.
 */
export type ClientNumberReserved = DomainEvent<'ClientNumberReserved', { clientNumber: string; clientId: string }>;

export const CLIENT_EVENT_TYPES: ReadonlySet<string> = new Set<ClientEvent['type']>([
  'ClientRegistered',
  'ClientDetailsChanged',
  'ClientRenumbered',
  'ClientStatusChanged',
  'ClusterHeadDesignated',
  'ClusterHeadRevoked',
  'JoinedCluster',
  'ClusterMemberAdded',
  'LeftCluster',
  'ClusterMemberRemoved',
]);

import type { DomainEvent } from '../shared/domain-event';

/**
 * The named approver approved the acceptance request. The status stays `Ter goedkeuring`:
 * central administration sets `Klant` once every gate holds. (A rejection is a status change to
 * `Afgewezen`, with its reason.)
 */
/** `reason`: what the approver noted with the approval, when anything. */
export type ClientApproved = DomainEvent<'ClientApproved', { clientId: string; approverId: string; reason?: string }>;

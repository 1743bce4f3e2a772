import type { PackageName } from '@koppelhub/domain';
import type { RecordedEvent } from '@koppelhub/eventstore';
import type { ClientRelations } from './client-push.builder';

/**
 * Reads a client's relations for a push (invoice-to target, contacts, portal users) from the
 * relations read models; the port keeps the sync free of their tables.
 */
export interface ClientRelationsReader {
  read(clientId: string, pkg: PackageName): Promise<ClientRelations>;
  /**
   * Clients whose payload the events change beyond their own client, each with the position of the
   * event: for events of other streams (e.g. contacts') the ones an event names as well as the ones
   * the read models relate it to, since after a removal they no longer do; for a client's own event
   * that changes what a portal holds of it (its status, number, packages, e-mail), the other
   * clients its portal users see, and for a new number the clients invoicing to it; for both, the clients of portal users whose login the contact or
   * client had (a shared login holds both users back). Asked once per dispatcher batch.
   */
  clientsAffectedBy?(events: readonly RecordedEvent[]): Promise<Array<{ clientId: string; position: number }>>;
  /**
   * Waits until the relations reflect the log up to `position` (read models advance on their own).
   * `types`: those of every event since the previous call, which lets a reader skip read models
   * that take none of them; the dispatcher's batches follow each other without a gap.
   */
  catchUp?(position: number, types?: ReadonlySet<string>): Promise<void>;
}

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
   * Clients whose payload an event of another stream (e.g. a contact's) changes: the ones it names
   * as well as the ones the read models relate it to, since after a removal they no longer do.
   */
  clientsAffectedBy?(event: RecordedEvent): Promise<string[]>;
  /** Waits until the relations reflect the log up to `position` (read models advance on their own). */
  catchUp?(position: number): Promise<void>;
}

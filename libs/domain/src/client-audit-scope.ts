import { personalDataAccessStream } from './personal-data/personal-data.events';
import { clientStream } from './streams';

/** What an audit of one client covers: the streams that are its own, and the data keys that name it elsewhere. */
export interface ClientAuditScope {
  streams: readonly string[];
  id: string;
  keys: readonly string[];
}

/**
 * Everything the log holds about a client: its own stream, the record of who revealed its personal
 * data, and the events of other streams that name it: its contacts' (`clientId`), the numbers it
 * reserved (`clientId`) and the ownership structure (`ownerId`, `ownedId`).
 */
export function clientAuditScope(clientId: string): ClientAuditScope {
  return {
    streams: [clientStream(clientId), personalDataAccessStream(clientId)],
    id: clientId,
    keys: ['clientId', 'ownerId', 'ownedId'],
  };
}

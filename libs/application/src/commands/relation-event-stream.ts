import { type DomainEvent, relationStreamOf } from '@koppelhub/domain';
import { clientEventStream } from './client-event-stream';

/** The stream of any event: contacts, the ownership structure, or a client. */
export const relationEventStream = (event: DomainEvent): string => relationStreamOf(event) ?? clientEventStream(event);

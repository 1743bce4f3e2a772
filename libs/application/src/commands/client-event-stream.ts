import { type ClientEvent, type ClientNumberReserved, type DomainEvent, streamOf } from '@koppelhub/domain';

/** The stream of any client-side event the deciders produce. */
export const clientEventStream = (event: DomainEvent): string => streamOf(event as ClientEvent | ClientNumberReserved);

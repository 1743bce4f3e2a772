import type { ClientEvent, ClientNumberReserved } from './client/client.events';

/** Stream names follow `category-id`. */
export const clientStream = (clientId: string): string => `client-${clientId}`;
/** Where earlier registrations reserved a number; a registration checks it is still free. */
export const clientNumberStream = (clientNumber: string): string => `client_number-${clientNumber}`;

/** The stream an event belongs to: the client it names, or the number it reserves. */
export function streamOf(event: ClientEvent | ClientNumberReserved): string {
  return event.type === 'ClientNumberReserved'
    ? clientNumberStream(event.data.clientNumber)
    : clientStream(event.data.clientId);
}

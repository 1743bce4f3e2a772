import { ClientNotFound, DuplicateClientNumber, InvalidClientDetails } from './client.errors';
import type { ClientNumberReserved, ClientRenumbered } from './client.events';
import type { ClientState } from './client.state';
import { checkClientNumber } from './validate-client-details';

export interface RenumberClient {
  type: 'RenumberClient';
  data: { clientId: string; clientNumber: string };
}

/** The reservation stream of the new number as read: the client it reserves the number for, if any. */
export interface NumberReservation {
  heldBy?: string;
}

/**
 * Gives a client a new number. The number must be free: not reserved for another client (checked
 * here) and not the number another client was registered with (its stream, derived from the
 * number, must not exist: the append checks that). The new number is reserved in the same append,
 * so a registration or another renumbering racing for it conflicts. The old number stays the
 * client's: packages may still know it, and its id derives from it.
 */
export function decideRenumberClient(
  command: RenumberClient,
  state: ClientState,
  reservation: NumberReservation,
): Array<ClientRenumbered | ClientNumberReserved> {
  const { clientId, clientNumber } = command.data;
  if (!state.exists) throw new ClientNotFound(clientId);
  const violations = checkClientNumber(clientNumber);
  if (violations.length > 0) throw new InvalidClientDetails(violations);
  if (clientNumber === state.clientNumber) return [];
  if (reservation.heldBy !== undefined && reservation.heldBy !== clientId) throw new DuplicateClientNumber(clientNumber);
  return [
    { type: 'ClientRenumbered', data: { clientId, from: state.clientNumber, to: clientNumber } },
    ...(reservation.heldBy === clientId ? [] : [{ type: 'ClientNumberReserved' as const, data: { clientNumber, clientId } }]),
  ];
}

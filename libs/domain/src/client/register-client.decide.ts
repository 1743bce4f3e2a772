import { calendarDateOf } from '../shared/calendar-date';
import type { DecisionContext } from '../shared/command-metadata';
import type { ClientDetails, ClientKind } from './client-details';
import { START_STATUSES, type StartStatus } from './client-status';
import { ClientAlreadyRegistered, InvalidClientDetails, StartStatusNotAllowed } from './client.errors';
import type { ClientRegistered } from './client.events';
import type { ClientState } from './client.state';
import { checkClientNumber, normalizeClientDetails } from './validate-client-details';

export interface RegisterClient {
  type: 'RegisterClient';
  data: { clientId: string; kind: ClientKind; clientNumber: string; startStatus?: string; details: ClientDetails };
}

/**
 * Registers a client. The start status rule comes first: registering as `Klant` (or anything but
 * Prospect / Klantaanvraag) is refused whatever else the form says. Client numbers are unique
 * because the client's id is derived from its number: a second registration finds the stream taken.
 */
export function decideRegisterClient(command: RegisterClient, state: ClientState, context: DecisionContext): [ClientRegistered] {
  const { clientId, kind, clientNumber, details } = command.data;
  if (state.exists) throw new ClientAlreadyRegistered(clientId);
  const status = command.data.startStatus ?? 'Prospect';
  if (!isStartStatus(status)) throw new StartStatusNotAllowed(status);

  const normalized = normalizeClientDetails(kind, details, calendarDateOf(context.now));
  const violations = [...checkClientNumber(clientNumber), ...normalized.violations];
  if (violations.length > 0) throw new InvalidClientDetails(violations);

  return [
    { type: 'ClientRegistered', data: { clientId, kind, clientNumber, status, details: normalized.details } },
  ];
}

function isStartStatus(status: string): status is StartStatus {
  return (START_STATUSES as readonly string[]).includes(status);
}

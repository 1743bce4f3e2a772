import { DomainError } from '../shared/domain-error';
import type { ClientDetails } from './client-details';
import { ClientNotFound, InvalidClientDetails } from './client.errors';
import type { ClientDetailsChanged } from './client.events';
import type { ClientState } from './client.state';
import { normalizeClientDetails } from './validate-client-details';
import { deepEqual } from '../shared/deep-equal';

export type ClientDetailsPatch = Partial<ClientDetails> & { clientNumber?: string };

export interface ChangeClientDetails {
  type: 'ChangeClientDetails';
  data: { clientId: string; patch: ClientDetailsPatch };
}

export class ClientNumberImmutable extends DomainError {
  constructor(current: string, requested: string) {
    super(
      'client.client-number-immutable',
      'rule',
      `client number ${current} cannot be changed to ${requested}: packages key on it`,
      { current, requested },
    );
  }
}

/** Changes the card; the result is the whole new card plus which top-level parts changed. */
export function decideChangeClientDetails(command: ChangeClientDetails, state: ClientState): ClientDetailsChanged[] {
  const { clientId, patch } = command.data;
  if (!state.exists) throw new ClientNotFound(clientId);
  const { clientNumber, ...changes } = patch;
  if (clientNumber !== undefined && clientNumber !== state.clientNumber) {
    throw new ClientNumberImmutable(state.clientNumber, clientNumber);
  }

  const merged: ClientDetails = { ...state.details, ...changes };
  const { details, violations } = normalizeClientDetails(state.kind, merged);
  if (violations.length > 0) throw new InvalidClientDetails(violations);

  const changedFields = (Object.keys(details) as (keyof ClientDetails)[]).filter(
    (key) => !deepEqual(details[key], state.details[key]),
  );
  if (changedFields.length === 0) return [];
  return [{ type: 'ClientDetailsChanged', data: { clientId, details, changedFields } }];
}

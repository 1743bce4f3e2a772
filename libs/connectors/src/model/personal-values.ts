import type { ClientPush } from './client-push';

/**
 * The personal values a push carries of a person client: what must not reach the hub's failed
 * list or its logs when a package echoes them back in an error message.
 */
export function personalValuesOf(push: ClientPush): string[] {
  if (push.kind !== 'person') return [];
  const { person, address, email } = push;
  const homeStreet = [address.street, address.houseNumber].filter(Boolean).join(' ');
  return [person?.bsn, person?.dateOfBirth, email, homeStreet, address.postcode].filter(
    (value): value is string => typeof value === 'string' && value.trim() !== '',
  );
}

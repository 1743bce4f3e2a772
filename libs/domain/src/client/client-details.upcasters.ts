import type { EventUpcaster } from '../shared/event-upcaster';
import { PACKAGE_NAMES } from './package-name';

/**
 * Version 1 of the client card kept the package switches as they appear on screen, a record of
 * booleans (`{ "twinfield": true, "nextens": false }`); version 2 lists the packages switched on.
 */
function packagesAsList(data: Record<string, unknown>): Record<string, unknown> {
  const details = data.details as Record<string, unknown> | undefined;
  const switches = details?.packages;
  if (!details || Array.isArray(switches)) return data;
  const on = switches && typeof switches === 'object' ? (switches as Record<string, unknown>) : {};
  return { ...data, details: { ...details, packages: PACKAGE_NAMES.filter((name) => on[name] === true) } };
}

export const CLIENT_DETAILS_UPCASTERS: readonly EventUpcaster[] = [
  { type: 'ClientRegistered', from: 1, upcast: packagesAsList },
  { type: 'ClientDetailsChanged', from: 1, upcast: packagesAsList },
];

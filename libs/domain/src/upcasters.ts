import { CLIENT_DETAILS_UPCASTERS } from './client/client-details.upcasters';
import type { EventUpcaster } from './shared/event-upcaster';

/** Every event schema change of the hub; the runtime hands them to the event store. */
export const EVENT_UPCASTERS: readonly EventUpcaster[] = [...CLIENT_DETAILS_UPCASTERS];

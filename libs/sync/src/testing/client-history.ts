import type { RecordedEvent } from '@koppelhub/eventstore';

/** Builders for specs over one client's stream (`client-c1`), as the sync reads it. */
let position = 0;

export const recorded = (type: string, data: Record<string, unknown>, recordedAt = new Date()): RecordedEvent => ({
  id: `e${++position}`,
  stream: 'client-c1',
  streamVersion: position,
  position,
  transactionId: String(position),
  type,
  data,
  metadata: { actor: 'a', commandId: 'c', correlationId: 'c' },
  recordedAt,
});

export const ALL_PACKAGES = ['pinkweb', 'casewarecloud', 'nextens', 'qicsmilestones', 'twinfield'];

const card = (kind: 'company' | 'person', packages: string[], debtorNumber?: string) => ({
  searchName: 'X',
  ...(debtorNumber ? { debtorNumber } : {}),
  ...(kind === 'company' ? { company: { statutoryName: 'X B.V.' } } : { person: { surname: 'Vries' } }),
  address: { street: 'S', houseNumber: '1', postcode: '1234 AB', city: 'U', country: 'NL' },
  packages,
});

export const registered = (kind: 'company' | 'person', debtorNumber?: string, packages = ALL_PACKAGES) =>
  recorded('ClientRegistered', { clientId: 'c1', kind, clientNumber: '20010', status: 'Prospect', details: card(kind, packages, debtorNumber) });

export const statusChanged = (from: string, to: string, extra = {}) => recorded('ClientStatusChanged', { clientId: 'c1', from, to, ...extra });

/** A company's packages switched on the given day (yyyy-mm-dd). */
/** `debtorNumber: null`: the edit clears it. */
export const packagesSwitched = (packages: string[], on: string, debtorNumber: string | null = '20010') =>
  recorded('ClientDetailsChanged', { clientId: 'c1', details: card('company', packages, debtorNumber ?? undefined), changedFields: ['packages'] }, new Date(`${on}T10:00:00Z`));

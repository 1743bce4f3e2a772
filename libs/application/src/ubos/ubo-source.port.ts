import type { Ubo } from '@koppelhub/domain';

/**
 * Where the Wwft registration's UBOs are prefilled from: the ownership structure (`GET
 * /api/clients/:id/ubos`), built separately. Returns undefined when the client has no ownership
 * structure recorded, and the registration then keeps the UBOs as entered.
 */
export interface UboSource {
  ubosOf(clientId: string): Promise<Ubo[] | undefined>;
}

export const UBO_SOURCE = Symbol('UboSource');

/** A source without any ownership structure: nothing is prefilled (for runtimes and tests without it). */
export const noOwnershipStructure: UboSource = {
  ubosOf: async () => undefined,
};

import type { Ubo } from '@koppelhub/domain';
import type { Pool } from 'pg';
import type { UboSource } from '../ubos/ubo-source.port';
import { deriveClientUbos } from './ubos.query';

/**
 * Prefills the Wwft registration's UBOs from the ownership structure. A client without recorded
 * owners gives undefined, so the registration keeps the UBOs as entered.
 */
export class OwnershipUboSource implements UboSource {
  constructor(private readonly pool: Pool) {}

  async ubosOf(clientId: string): Promise<Ubo[] | undefined> {
    const derived = await deriveClientUbos(this.pool, clientId);
    if (!derived?.hasStructure) return undefined;
    return derived.ubos.map((ubo) => ({
      name: ubo.name ?? ubo.clientId,
      kind: ubo.pseudo ? 'pseudo' : 'owner',
      clientId: ubo.clientId,
      percent: ubo.percent,
      indirect: ubo.indirect,
    }));
  }
}

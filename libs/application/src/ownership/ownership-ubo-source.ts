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
      // A director named as pseudo-UBO may hold nothing: no share rather than 0 %, which a
      // registration refuses as a share.
      ...(ubo.percent > 0 ? { percent: ubo.percent } : {}),
      indirect: ubo.indirect,
    }));
  }
}

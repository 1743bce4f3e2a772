import type { Logger } from '@nestjs/common';
import { ApiKeyStore, bootstrapAdminKey, type HubRuntime } from '@koppelhub/application';

/**
 * Makes sure the hub can be administered, and prints a generated first admin key exactly once:
 * on stdout, not through the logger, because it is the one secret that must reach the operator.
 */
export async function announceAdminKey(runtime: HubRuntime, logger: Logger): Promise<void> {
  const outcome = await bootstrapAdminKey(runtime.settings, runtime.database, new ApiKeyStore(runtime.database.pool));
  switch (outcome.outcome) {
    case 'generated':
      process.stdout.write(
        `\nFirst admin API key (shown once, store it now; send it as X-API-Key): ${outcome.key}\n` +
          'Create named keys per user or connector with POST /api/api-keys, then revoke this one.\n\n',
      );
      return;
    case 'from-environment':
      logger.log('admin API key taken from ADMIN_API_KEY');
      return;
    case 'no-key':
      logger.warn(
        'no API key exists and ADMIN_API_KEY is not set: only bearer tokens can authenticate' +
          (runtime.settings.JWT_SECRET || runtime.settings.JWT_JWKS_URL ? '' : ', and none are configured; set ADMIN_API_KEY'),
      );
      return;
    case 'existing-keys':
      return;
  }
}

import type { ClientPush, PushContext, PushResult } from './model/client-push';
import type { PackageName } from './model/package-name';

/**
 * One external package as the hub sees it.
 *
 * `push` upserts the client: create, update, or the package's end-of-relationship behaviour when
 * the status is 'Geen klant meer'. It is idempotent: pushing the same payload twice never makes a
 * second record. Without `context.externalId` (first push, or a crash between the package's answer
 * and the hub recording it) the adapter finds an existing record by the package's own key first.
 *
 * Failures are thrown as PermanentPushError (don't retry), RateLimitedPushError (retry after
 * `retryAfterMs`) or TransientPushError (retry with backoff).
 */
export interface PackageConnector {
  readonly packageName: PackageName;
  push(client: ClientPush, context: PushContext): Promise<PushResult>;
  /**
   * The key the package will file this client under, for packages whose key comes from data that
   * can change (Twinfield's debtor code). The hub records it before the push, so that a push whose
   * answer is lost still tells the next one which record it may have left (`unconfirmedKeys`).
   * Stored as it is, so never personal data.
   */
  keyOf?(client: ClientPush): string | undefined;
}

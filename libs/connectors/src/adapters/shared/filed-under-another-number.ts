import { TransientPushError } from '../../errors/transient-push-error';
import type { ClientPush } from '../../model/client-push';

/**
 * The package holds the client's record (the one under the hub's id for it) under a number this
 * push does not know. A push built before a renumbering, running beside the push that carried it
 * out, sees this: creating a record under the old number would duplicate the client, so it waits and
 * the retry reads the client as it is then. A number that is really someone else's (a package that
 * reused an id) ends in the failed list with this message, for an operator to look at.
 */
export function filedUnderAnotherNumber(pkg: string, filedUnder: string): TransientPushError {
  return new TransientPushError(`${pkg} files this client's record under number ${filedUnder}, which this push does not know; retried with the client as it is now`);
}

/**
 * The numbers a package may file the client under, former ones first: the hub gives a number to one
 * client only, so a record under one of them is this client's, and one under a former number moves.
 */
export function clientNumbersOf(client: Pick<ClientPush, 'clientNumber' | 'formerClientNumbers'>): string[] {
  return [...(client.formerClientNumbers ?? []), client.clientNumber];
}

/** The first record found under one of the numbers, tried in turn. */
export async function firstFiledUnder<T>(numbers: readonly string[], find: (clientNumber: string) => Promise<T | undefined>): Promise<T | undefined> {
  for (const clientNumber of numbers) {
    const found = await find(clientNumber);
    if (found) return found;
  }
  return undefined;
}

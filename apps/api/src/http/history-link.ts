import type { HistoryPage } from '@koppelhub/application';
import type { Response } from 'express';

/**
 * Answers a history page as its entries, as the endpoint always answered; a next page is named in
 * a `Link` header (RFC 8288) as a reference relative to the request (its query only, so it holds
 * behind a proxy that strips a path prefix): the query read, with the next `fromVersion`.
 */
export function historyEntries(page: HistoryPage, query: object, response: Response): HistoryPage['entries'] {
  if (page.nextVersion !== undefined) {
    const next = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) if (value !== undefined && name !== 'fromVersion') next.set(name, String(value));
    next.set('fromVersion', String(page.nextVersion));
    response.setHeader('Link', `<?${next.toString()}>; rel="next"`);
  }
  return page.entries;
}

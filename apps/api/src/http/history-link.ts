import type { HistoryPage } from '@koppelhub/application';
import type { Request, Response } from 'express';

/**
 * Answers a history page as its entries, as the endpoint always answered; a next page is named in
 * a `Link` header (RFC 8288), the request's own query carried over with the next `fromVersion`.
 */
export function historyEntries(page: HistoryPage, request: Request, response: Response): HistoryPage['entries'] {
  if (page.nextVersion !== undefined) {
    const next = new URL(request.originalUrl, 'http://hub');
    next.searchParams.set('fromVersion', String(page.nextVersion));
    response.setHeader('Link', `<${next.pathname}${next.search}>; rel="next"`);
  }
  return page.entries;
}

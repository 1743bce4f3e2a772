/** What every adapter needs to reach its package. */
export interface AdapterSettings {
  /** Root of the package's API, without a trailing slash, e.g. 'https://api.example.com'. */
  baseUrl: string;
  /** Give up on one HTTP call after this long; the push then fails as transient. */
  timeoutMs: number;
}

export function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path.startsWith('/') ? path : `/${path}`}`;
}

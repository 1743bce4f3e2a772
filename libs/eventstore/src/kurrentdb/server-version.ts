/**
 * The adapter needs KurrentDB 25.1 or later: multi-stream append (the `AppendSession` of the v2
 * streams protocol) is what keeps a decision over two clients atomic. Without it there is no
 * safe fallback (two single-stream appends can half-succeed), so an older server is refused at
 * open, not discovered at the first cross-client command.
 */
export const MINIMUM_SERVER_VERSION = { major: 25, minor: 1 } as const;

export interface ServerVersion {
  major: number;
  minor: number;
  /** As the server reported it, e.g. `25.1.0.2371`. */
  text: string;
}

export class UnsupportedKurrentDbServer extends Error {
  constructor(readonly reported: string) {
    super(
      `KurrentDB ${MINIMUM_SERVER_VERSION.major}.${MINIMUM_SERVER_VERSION.minor} or later is required ` +
        `(the server reports ${reported === 'unknown' ? 'no version' : `version ${reported}`}): ` +
        'multi-stream append keeps cross-client rules atomic and has no single-stream fallback',
    );
    this.name = 'UnsupportedKurrentDbServer';
  }
}

/**
 * Reads `major.minor` from the version string the server-features service reports. The client
 * reports `unknown` when the server has no such service (EventStoreDB before 21.10), which is
 * older than we accept anyway.
 */
export function parseServerVersion(text: string): ServerVersion | undefined {
  const match = /^v?(\d+)\.(\d+)/.exec(text.trim());
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]), text };
}

export function isSupportedServer(version: ServerVersion): boolean {
  const { major, minor } = MINIMUM_SERVER_VERSION;
  return version.major > major || (version.major === major && version.minor >= minor);
}

/** Throws `UnsupportedKurrentDbServer` unless `reported` names 25.1 or later. */
export function assertSupportedServer(reported: string): ServerVersion {
  const version = parseServerVersion(reported);
  if (!version || !isSupportedServer(version)) throw new UnsupportedKurrentDbServer(reported);
  return version;
}

import { eventTypeFilter, excludeSystemEvents, type Filter, streamNameFilter } from '@kurrent/kurrentdb-client';

/**
 * Which part of `$all` belongs to this store. KurrentDB has one `$all` per server, shared with the
 * server's own system events and with anyone else writing there. With a `streamPrefix` the store
 * keeps to a namespace: it writes `prefix + stream`, reads only streams under the prefix and hands
 * back the names without it, so tests (and several hubs) can share a server without seeing each
 * other's events in readAll, headPosition or a subscription.
 */
export class StreamScope {
  constructor(readonly prefix = '') {
    if (prefix.startsWith('$')) throw new Error('a stream prefix must not name system streams ($…)');
  }

  toServer(stream: string): string {
    return this.prefix + stream;
  }

  /** The port's name for a server stream, or undefined for a stream outside the namespace. */
  fromServer(stream: string): string | undefined {
    if (!stream.startsWith(this.prefix)) return undefined;
    return stream.slice(this.prefix.length);
  }

  /**
   * The server can filter `$all` on one thing only. A prefix narrows most, so it wins; otherwise the
   * wanted event types, as an exact-match regex; otherwise just "no system events". `accepts`
   * re-checks everything on the client, so the server filter only has to be a superset.
   */
  serverFilter(types?: readonly string[]): Filter {
    if (this.prefix) return streamNameFilter({ prefixes: [this.prefix] });
    if (types && types.length > 0) return eventTypeFilter({ regex: exactTypesRegex(types) });
    return excludeSystemEvents();
  }

  /** System events (`$` types, `$` streams) never reach the port; nor do streams outside the prefix. */
  accepts(stream: string, type: string, types?: readonly string[]): boolean {
    if (isSystemName(stream) || isSystemName(type)) return false;
    if (!stream.startsWith(this.prefix)) return false;
    return !types || types.includes(type);
  }
}

export function isSystemName(name: string): boolean {
  return name.startsWith('$');
}

export function exactTypesRegex(types: readonly string[]): string {
  const escaped = types.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return `^(?:${escaped.join('|')})$`;
}

import { type ClientPush, packageView, type PackageName } from '@koppelhub/connectors';
import type { RecordedEvent } from '@koppelhub/eventstore';
import type { ClientRelations } from './client-push.builder';
import { canonical, payloadHash } from './payload-hash';

/** A package a client is decided for, with what its push is built from beyond the history. */
export interface PackageAsked {
  pkg: PackageName;
  relations: ClientRelations;
  /** The package was switched off that day (see SyncClient), which changes its payload. */
  endedOn?: string;
}

/**
 * Hashes of each package's own view of a client's push (packageView: exactly what its adapter
 * sends), by what the push is built from: a client's history (the very array read, see
 * RecentHistories), its relations and, for a package switched off, the day it was. A change that
 * leaves a package's view as it was leaves its hash as it was, so that package is sent nothing.
 * The push is built once for the packages asked for together that get the same relations, each
 * view once per package; the hashes are kept as long as the history is, so the jobs that follow the
 * dispatcher (and the dispatcher's next look at the same history) build nothing again.
 */
export class PayloadHashes {
  private readonly byHistory = new WeakMap<readonly RecordedEvent[], Map<string, string>>();

  /** The hash of one package's view; `push` is called only when it is not known yet. */
  of(pkg: PackageName, history: readonly RecordedEvent[], relations: ClientRelations, endedOn: string | undefined, push: () => ClientPush): string {
    return this.ofPackages(history, [{ pkg, relations, endedOn }], push)[0]!;
  }

  /** The hashes of several packages' views, in the order asked. */
  ofPackages(
    history: readonly RecordedEvent[],
    asked: readonly PackageAsked[],
    build: (relations: ClientRelations, endedOn: string | undefined) => ClientPush,
  ): string[] {
    let known = this.byHistory.get(history);
    if (!known) this.byHistory.set(history, (known = new Map<string, string>()));
    const pushes = new Map<string, ClientPush>();
    return asked.map(({ pkg, relations, endedOn }) => {
      const same = `${endedOn ?? ''}|${canonical(relations)}`;
      const key = `${pkg}|${same}`;
      const hash = known.get(key);
      if (hash !== undefined) return hash;
      let push = pushes.get(same);
      if (!push) pushes.set(same, (push = build(relations, endedOn)));
      const viewed = payloadHash(packageView(pkg, push));
      known.set(key, viewed);
      return viewed;
    });
  }
}

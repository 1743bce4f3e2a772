import type { PortalOverview, PortalUser } from '@koppelhub/domain';

const NONE: readonly PortalUser[] = [];

/**
 * Lookups into one portal overview: the users seeing a client, seeing through a contact, or
 * logging in with an e-mail, and the users held back. Shared by every question asked of the same
 * overview (a dispatcher batch, the pushes beside it); each map is built on its first question.
 * Scanning every user instead took about half a millisecond a question with 10,000 clients.
 */
export class PortalOverviewIndex {
  private static readonly built = new WeakMap<PortalOverview, PortalOverviewIndex>();

  static of(overview: PortalOverview): PortalOverviewIndex {
    let index = PortalOverviewIndex.built.get(overview);
    if (!index) {
      index = new PortalOverviewIndex(overview);
      PortalOverviewIndex.built.set(overview, index);
    }
    return index;
  }

  /** Users whose login is in doubt (shared, missing, disagreeing): the portals wait for them. */
  readonly heldUserKeys: ReadonlySet<string>;
  private heldContacts?: ReadonlySet<string>;
  private byClient?: Map<string, PortalUser[]>;
  private byContact?: Map<string, PortalUser[]>;
  private byLogin?: Map<string, PortalUser[]>;

  private constructor(private readonly overview: PortalOverview) {
    this.heldUserKeys = new Set(overview.problems.flatMap((p) => ('users' in p ? p.users : 'user' in p ? [p.user] : [])));
  }

  /** The contacts of the users held back. */
  get heldContactIds(): ReadonlySet<string> {
    this.heldContacts ??= new Set(this.overview.users.filter((u) => this.heldUserKeys.has(u.key)).flatMap((u) => u.contactIds));
    return this.heldContacts;
  }

  /** In the overview's order. */
  usersSeeing(clientId: string): readonly PortalUser[] {
    this.byClient ??= this.group((user) => user.clientIds);
    return this.byClient.get(clientId) ?? NONE;
  }

  usersThrough(contactId: string): readonly PortalUser[] {
    this.byContact ??= this.group((user) => user.contactIds);
    return this.byContact.get(contactId) ?? NONE;
  }

  /** Users whose login is this e-mail, compared without regard to case. */
  usersWithLogin(email: string): readonly PortalUser[] {
    this.byLogin ??= this.group((user) => (user.login === undefined ? [] : [user.login.toLowerCase()]));
    return this.byLogin.get(email.toLowerCase()) ?? NONE;
  }

  /** Users by each key they have; a user lists each client and contact once (derivePortalUsers). */
  private group(keysOf: (user: PortalUser) => readonly string[]): Map<string, PortalUser[]> {
    const groups = new Map<string, PortalUser[]>();
    for (const user of this.overview.users) {
      for (const key of keysOf(user)) {
        const list = groups.get(key);
        if (list) list.push(user);
        else groups.set(key, [user]);
      }
    }
    return groups;
  }
}

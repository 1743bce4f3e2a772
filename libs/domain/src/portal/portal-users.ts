import type { MainRef } from '../contact/contact.model';

/** A contact registration as the portal sees it. */
export interface PortalContact {
  id: string;
  clientId: string;
  email?: string;
  portal: boolean;
  main?: MainRef;
}

/** A person client that may be a main (and, with the portal package, sees itself). */
export interface PortalPersonClient {
  id: string;
  email?: string;
  hasPortalPackage: boolean;
}

/**
 * The portal user: a main with every contact linked to it. Its login is the main contact's e-mail,
 * or for a person client the e-mail its linked contacts share (its private e-mail when none is linked).
 */
export interface PortalUser {
  key: string;
  main: MainRef;
  login?: string;
  contactIds: string[];
  /** Clients it sees: where the group has a registration with the portal switch on (and the person itself with the package). */
  clientIds: string[];
}

export type PortalProblem =
  | { code: 'portal.duplicate-login'; login: string; users: string[]; message: string }
  | { code: 'portal.login-disagreement'; user: string; logins: string[]; message: string }
  | { code: 'portal.missing-login'; user: string; message: string };

export interface PortalOverview {
  users: PortalUser[];
  problems: PortalProblem[];
}

/**
 * Groups contacts into portal users and reports what holds the portal push back. Problems never
 * refuse anything: contacts are linked after they are registered, so a duplicate is normal for a while.
 */
export function derivePortalUsers(contacts: readonly PortalContact[], persons: readonly PortalPersonClient[]): PortalOverview {
  const personById = new Map(persons.map((p) => [p.id, p]));
  const groups = new Map<string, { main: MainRef; members: PortalContact[] }>();
  const group = (main: MainRef) => {
    const key = `${main.kind}:${main.id}`;
    const existing = groups.get(key) ?? { main, members: [] };
    groups.set(key, existing);
    return existing;
  };
  for (const contact of contacts) {
    if (contact.main) group(contact.main).members.push(contact);
    else group({ kind: 'contact', id: contact.id }).members.unshift(contact);
  }
  for (const person of persons) if (person.hasPortalPackage) group({ kind: 'client', id: person.id });

  const problems: PortalProblem[] = [];
  const users: PortalUser[] = [...groups].map(([key, { main, members }]) => {
    const clientIds = new Set(members.filter((m) => m.portal).map((m) => m.clientId));
    let login: string | undefined;
    if (main.kind === 'contact') {
      login = members.find((m) => m.id === main.id)?.email;
    } else {
      const person = personById.get(main.id);
      if (person?.hasPortalPackage) clientIds.add(person.id);
      const logins = distinctLogins(members.map((m) => m.email).filter((e): e is string => e !== undefined));
      if (logins.length > 1) {
        problems.push({
          code: 'portal.login-disagreement',
          user: key,
          logins,
          message: `the contacts of portal user ${key} disagree on the login (${logins.join(', ')})`,
        });
      } else {
        login = logins[0] ?? (members.length === 0 ? person?.email : undefined);
      }
    }
    return { key, main, ...(login ? { login } : {}), contactIds: members.map((m) => m.id).sort(), clientIds: [...clientIds].sort() };
  });

  const active = users.filter((u) => u.clientIds.length > 0);
  const byLogin = new Map<string, string[]>();
  for (const user of active) {
    if (user.login === undefined) {
      if (!problems.some((p) => 'user' in p && p.user === user.key)) {
        problems.push({ code: 'portal.missing-login', user: user.key, message: `portal user ${user.key} has no login e-mail` });
      }
      continue;
    }
    const same = loginKey(user.login);
    byLogin.set(same, [...(byLogin.get(same) ?? []), user.key]);
  }
  for (const keys of byLogin.values()) {
    if (keys.length < 2) continue;
    const login = active.find((u) => u.key === keys[0])!.login!;
    problems.push({
      code: 'portal.duplicate-login',
      login,
      users: keys.sort(),
      message: `portal users ${keys.join(' and ')} share the login ${login}; link them to one main or change an e-mail`,
    });
  }
  return { users: users.sort((a, b) => a.key.localeCompare(b.key)), problems };
}

/** E-mail addresses are one login whatever their case, as the portals (and mail servers) read them. */
const loginKey = (email: string): string => email.toLowerCase();

/** The logins among e-mails, one per address whatever its case (the first spelling kept), sorted. */
function distinctLogins(emails: readonly string[]): string[] {
  const byKey = new Map<string, string>();
  for (const email of emails) if (!byKey.has(loginKey(email))) byKey.set(loginKey(email), email);
  return [...byKey.values()].sort();
}

/** The problems that concern the given portal users (e.g. those who see one client). */
export function problemsOf(problems: readonly PortalProblem[], userKeys: ReadonlySet<string>): PortalProblem[] {
  return problems.filter((p) => (p.code === 'portal.duplicate-login' ? p.users.some((u) => userKeys.has(u)) : userKeys.has(p.user)));
}

import { INVOICE_TO_PACKAGE, type PackageName, type PortalOverview, type PortalUser } from '@koppelhub/domain';
import { Coalescer, type Database, type EventStore, PostgresCheckpointStore, type RecordedEvent } from '@koppelhub/eventstore';
import {
  clientRelationsProjection,
  clientSearchProjection,
  contactsProjection,
  findClientRelationRows,
  findClientSummaries,
  listContacts,
  portalOverview,
  subscriptionIdOf,
  type ClientRelationsRow,
} from '@koppelhub/projections';
import type { ClientRelations, ClientRelationsReader } from '@koppelhub/sync';
import { emailsInHistory } from './emails-in-history';
import { PortalOverviewIndex } from './portal-overview-index';

/** What a client's relations are whatever the package: who its invoices go to, its contacts. */
type OwnRelations = Omit<ClientRelations, 'portalUsers' | 'heldPortalUsers'>;

/** Contacts and relations make the payload; client search says which clients a portal holds. */
const PROJECTIONS = [contactsProjection, clientRelationsProjection, clientSearchProjection];
/** The read models the portal overview is read from. */
const OVERVIEW_SOURCES = [contactsProjection, clientRelationsProjection];
const CATCH_UP_TIMEOUT_MS = 30_000;
const MOVES_NO_LOGIN: ReadonlySet<string> = new Set(['ClientStatusChanged', 'ClientRenumbered']);
const LOCAL_WAIT_MS = 1_000;

/** A read model's runner in this process, as far as waiting for it goes (ProjectionRunner). */
export interface LocalReadModel {
  readonly id: string;
  readonly isRunning: boolean;
  waitFor(position: number, timeoutMs?: number): Promise<void>;
}

/**
 * Relations for a push, from the contacts and client-relations read models. Those advance on their
 * own subscriptions (possibly in another process), so the dispatcher first waits until they have
 * handled the events it is deciding on: a payload built from a stale read model would hash as
 * "unchanged" and the change would never be pushed.
 */
export class ReadModelRelationsReader implements ClientRelationsReader {
  private readonly checkpoints: PostgresCheckpointStore;
  /**
   * The portal overview reads every contact and person client. Reads asked for side by side (the
   * dispatcher's clients, the jobs running at once) share one; one asked for while another is on
   * its way waits for the next, so it never gets an overview older than its question.
   */
  private readonly overviews: Coalescer<'overview', PortalOverview>;
  /** The last overview read, with the read models' progress it was read at. */
  private kept?: { moved: string; overview: PortalOverview };
  /** Invoice-to and contacts of the clients asked for side by side, in three statements for all. */
  private readonly ownRelations: Coalescer<string, OwnRelations>;
  /** Whether the last catch-up reached every read model: false until one has, and after one failed. */
  private caughtUp = false;

  constructor(
    private readonly database: Database,
    private readonly store: EventStore & { covers(checkpoint: { transactionId: string; position: number }, position: number, types?: readonly string[]): Promise<boolean> },
    /** The read models this process keeps itself (the embedded hub, the API): waited for, not polled. */
    private readonly local: readonly LocalReadModel[] = [],
  ) {
    this.checkpoints = new PostgresCheckpointStore(database.pool);
    this.overviews = new Coalescer(async () => new Map([['overview', await this.currentOverview()]]), () => 'overview');
    this.ownRelations = new Coalescer((clientIds) => this.readOwnRelations(clientIds), String);
  }

  /**
   * The overview is read again only when a read model it comes from has moved: an acceptance
   * flood changes statuses, not contacts or person clients, and would otherwise read every contact
   * and person for each dispatcher batch and each round of pushes. Their checkpoints are written
   * with their rows, and read before the overview, so a kept overview is never older than they say.
   */
  private async currentOverview(): Promise<PortalOverview> {
    const { rows } = await this.database.pool.query<{ moved: string | null }>(
      `select string_agg(subscription_id || '@' || transaction_id::text || ':' || global_position || ':' || updated_at, ','
                         order by subscription_id) as moved
         from es_checkpoints where subscription_id = any($1::text[])`,
      [OVERVIEW_SOURCES.map(subscriptionIdOf)],
    );
    const moved = rows[0]?.moved ?? '';
    if (this.kept?.moved === moved) return this.kept.overview;
    const overview = await portalOverview(this.database.pool);
    this.kept = { moved, overview };
    return overview;
  }

  private async overview(): Promise<PortalOverviewIndex> {
    return PortalOverviewIndex.of((await this.overviews.load('overview'))!);
  }

  /**
   * `types`: those of every event since the previous call. A read model taking none of them, which
   * the previous call saw reach its position, has nothing new to handle: it is not waited for. The
   * first call after a start (or after one failed) waits for every read model.
   */
  async catchUp(position: number, types?: ReadonlySet<string>): Promise<void> {
    const started = Date.now();
    const skipUnconcerned = this.caughtUp && types !== undefined;
    this.caughtUp = false;
    for (const projection of PROJECTIONS) {
      if (skipUnconcerned && !projection.eventTypes.some((type) => types.has(type))) continue;
      await this.reach(projection, position, started);
    }
    this.caughtUp = true;
  }

  private async reach(projection: (typeof PROJECTIONS)[number], position: number, started: number): Promise<void> {
    const here = this.local.find((model) => model.id === subscriptionIdOf(projection) && model.isRunning);
    // Told at once when its batch is in; a rebuild stops it for a moment, and then the poll below takes over.
    if (here && (await here.waitFor(position, LOCAL_WAIT_MS).then(() => true, () => false))) return;
    // The projections may run in another process: their checkpoints are polled, soon at first
    // (a read model is usually a few milliseconds behind), then less often.
    let pause = 2;
    for (;;) {
      const checkpoint = await this.checkpoints.load(subscriptionIdOf(projection));
      if (await this.store.covers(checkpoint, position, projection.eventTypes)) return;
      if (Date.now() - started > CATCH_UP_TIMEOUT_MS) {
        throw new Error(`read model ${projection.name} did not reach position ${position}; is the API running its projections?`);
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, 50);
    }
  }

  async read(clientId: string, pkg: PackageName): Promise<ClientRelations> {
    const { invoiceTo, contacts } = (await this.ownRelations.load(clientId)) ?? { contacts: [] };
    // Only PinkWeb keeps portal users; CaseWare Cloud grants access per contact (withHeldPortalsMarked).
    const portal = pkg === 'pinkweb' ? await this.portalUsersSeeing(clientId, pkg) : { users: [], held: [] };
    return {
      // Invoice-to goes to the hours package only, which links the target by its own id.
      ...(invoiceTo && pkg === INVOICE_TO_PACKAGE ? { invoiceTo } : {}),
      // Contacts go to the portals only. The other packages keep none (their views leave contacts
      // out, see packageView); given none, they get the same relations and share one built push.
      contacts: pkg === 'casewarecloud' ? await this.withHeldPortalsMarked(contacts) : pkg === 'pinkweb' ? contacts : [],
      portalUsers: portal.users,
      ...(portal.held.length > 0 ? { heldPortalUsers: portal.held } : {}),
    };
  }

  /**
   * CaseWare Cloud gives portal access per contact, by its e-mail: a contact whose portal user is
   * held (a login shared with another user, none, or in doubt) is marked, and CaseWare keeps what
   * it gave that contact until the doubt is resolved: pushing it would have two people share one
   * login, taking access away would lock out the one who had it (docs/domain.md, portal).
   */
  private async withHeldPortalsMarked(contacts: ClientRelations['contacts']): Promise<ClientRelations['contacts']> {
    if (!contacts.some((contact) => contact.portal)) return contacts;
    const { heldContactIds } = await this.overview();
    return contacts.map((contact) => (contact.portal && heldContactIds.has(contact.contactId) ? { ...contact, portalHeld: true } : contact));
  }

  private async readOwnRelations(clientIds: string[]): Promise<Map<string, OwnRelations>> {
    const pool = this.database.pool;
    const [rows, contacts] = await Promise.all([findClientRelationRows(pool, clientIds), listContacts(pool, clientIds)]);
    const targetIds = [...new Set([...rows.values()].flatMap((row) => (row.invoice_to_id ? [row.invoice_to_id] : [])))];
    const targets = targetIds.length > 0 ? await findClientRelationRows(pool, targetIds) : new Map<string, ClientRelationsRow>();
    const relations = new Map<string, OwnRelations>(clientIds.map((clientId) => {
      const targetId = rows.get(clientId)?.invoice_to_id;
      const target = targetId ? targets.get(targetId) : undefined;
      return [clientId, { ...(target ? { invoiceTo: { clientId: target.client_id, clientNumber: target.client_number } } : {}), contacts: [] }];
    }));
    // Listed per client in the read model's order (surname, then id).
    for (const c of contacts) {
      relations.get(c.clientId)?.contacts.push({
        contactId: c.id,
        ...(c.initials ? { initials: c.initials } : {}),
        ...(c.firstNames ? { firstNames: c.firstNames } : {}),
        ...(c.prefix ? { prefix: c.prefix } : {}),
        surname: c.surname,
        ...(c.role ? { role: c.role } : {}),
        ...(c.email ? { email: c.email } : {}),
        ...(c.phone ? { phone: c.phone } : {}),
        portal: c.portal,
      });
    }
    return relations;
  }

  /**
   * A contact's events name its client: after a removal the read model no longer knows the
   * contact, but its client must still lose it. Besides, the clients of portal users who see
   * through the contact (it is a main, or linked to one) or who see a client whose own event was
   * passed (its status, number, packages or e-mail), and of those whose login is an e-mail the
   * contact or client ever had: a shared login holds both users back, and a change frees the other
   * one; for a new number also the clients invoicing to it. The read models are read as they are
   * now, once for all the events of a batch.
   */
  async clientsAffectedBy(events: readonly RecordedEvent[]): Promise<Array<{ clientId: string; position: number }>> {
    if (events.length === 0) return [];
    const contactEvents = events.filter((event) => event.stream.startsWith('contact-'));
    const contactIdOf = (event: RecordedEvent) => event.stream.slice('contact-'.length);
    const renumbered = [...new Set(events.filter((event) => event.type === 'ClientRenumbered').map((event) => String(event.data.clientId)))];
    const [{ rows }, invoicing, overview, histories] = await Promise.all([
      contactEvents.length === 0
        ? { rows: [] }
        : this.database.pool.query<{ contact_id: string; client_id: string }>(
            'select contact_id, client_id from rm_contacts where contact_id = any($1::uuid[])',
            [[...new Set(contactEvents.map(contactIdOf))]],
          ),
      // The hours package is told an invoice-to client's number: its invoicing clients follow it.
      renumbered.length === 0
        ? { rows: [] }
        : this.database.pool.query<{ client_id: string; invoice_to_id: string }>(
            'select client_id, invoice_to_id from rm_client_relations where invoice_to_id = any($1::uuid[])',
            [renumbered],
          ),
      this.overview(),
      // A status change or a new number moves no login; the other events may (see emailsInHistory).
      this.store.readStreams([...new Set(events.filter((event) => !MOVES_NO_LOGIN.has(event.type)).map((event) => event.stream))]),
    ]);
    const clientsOf = (users: readonly PortalUser[]) => users.flatMap((u) => u.clientIds);
    const emailsOf = new Map([...histories].map(([stream, history]) => [stream, emailsInHistory(history)]));
    const clientsOfContact = new Map<string, string[]>();
    for (const row of rows) clientsOfContact.set(row.contact_id, [...(clientsOfContact.get(row.contact_id) ?? []), row.client_id]);
    return events.flatMap((event) => {
      const emails = emailsOf.get(event.stream) ?? new Set<string>();
      const clientIds = [...emails].flatMap((email) => clientsOf(overview.usersWithLogin(email)));
      if (event.stream.startsWith('client-')) {
        const clientId = event.stream.slice('client-'.length);
        clientIds.push(...clientsOf(overview.usersSeeing(clientId)));
        if (event.type === 'ClientRenumbered') clientIds.push(...invoicing.rows.filter((row) => row.invoice_to_id === clientId).map((row) => row.client_id));
      } else if (event.stream.startsWith('contact-')) {
        const contactId = contactIdOf(event);
        if (typeof event.data.clientId === 'string') clientIds.push(event.data.clientId);
        clientIds.push(...(clientsOfContact.get(contactId) ?? []));
        clientIds.push(...clientsOf(overview.usersThrough(contactId)));
      }
      return [...new Set(clientIds)].map((clientId) => ({ clientId, position: event.position }));
    });
  }

  /**
   * Portal users seeing this client, and the keys of those held: a user whose login is in doubt is
   * kept by the portal as it is until resolved (docs/domain.md: a duplicate holds the portal push for
   * those users). Each user lists the clients it sees that the portal holds (Klant, switched on
   * there): a portal is never told of a client before its first Klant, nor of one it let go.
   */
  private async portalUsersSeeing(clientId: string, pkg: PackageName): Promise<{ users: ClientRelations['portalUsers']; held: string[] }> {
    const overview = await this.overview();
    const seeing = overview.usersSeeing(clientId);
    const isHeld = (u: PortalUser) => !u.login || overview.heldUserKeys.has(u.key);
    const held = seeing.filter(isHeld).map((u) => u.key);
    const users = seeing.filter((u) => !isHeld(u));
    if (users.length === 0) return { users: [], held };
    const clients = await findClientSummaries(this.database.pool, [...new Set(users.flatMap((u) => u.clientIds))]);
    const inPortal = (id: string) => {
      const client = clients.get(id);
      return client?.status === 'Klant' && client.packages.includes(pkg) ? [client.clientNumber] : [];
    };
    return {
      users: users.map((u) => ({
        mainKey: u.key,
        login: u.login!,
        displayName: u.login!,
        clientNumbers: u.clientIds.flatMap(inPortal).sort(),
      })),
      held,
    };
  }
}

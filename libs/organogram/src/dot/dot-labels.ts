import type { OrganogramClient, OrganogramContact } from '../organogram.model';
import { type PortalGroup } from '../labels/organogram-index';
import { packageBadges } from '../labels/packages';
import { KIND_LABEL, LEGEND_TEXT, ROLE_LABEL, chunk, cleanText, portalLabel } from '../labels/text';
import { escapeHtmlText as esc } from './dot-escape';

/** Point sizes: names stay readable when a 30-client organogram is scaled to fit a screen. */
export const FONT = { name: 12, contactName: 11, small: 9, badge: 8, title: 18, legend: 10 } as const;
const MUTED = '#4b5563';
const SEES_PER_LINE = 4;

function row(cell: string): string {
  return `<TR><TD>${cell}</TD></TR>`;
}

function small(text: string, color = MUTED): string {
  return `<FONT POINT-SIZE="${FONT.small}" COLOR="${color}">${text}</FONT>`;
}

function table(rows: string[]): string {
  return `<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">${rows.join('')}</TABLE>`;
}

function badgeRow(packages: readonly string[]): string {
  const badges = packageBadges(packages);
  if (badges.length === 0) return small('geen pakketten');
  const cells = badges
    .map((b) => `<TD BGCOLOR="${b.color}"><FONT POINT-SIZE="${FONT.badge}">${esc(b.short)}</FONT></TD>`)
    .join('');
  return `<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="2"><TR>${cells}</TR></TABLE>`;
}

/** Kind and cluster role on top, the name alone on its own line (one SVG <text>), number, badges. */
export function clientLabel(client: OrganogramClient): string {
  const role = client.role === 'head' ? `<B>${ROLE_LABEL.head.toUpperCase()}</B>` : ROLE_LABEL[client.role];
  return table([
    row(small(`${KIND_LABEL[client.kind]} · ${role}`)),
    row(`<FONT POINT-SIZE="${FONT.name}"><B>${esc(cleanText(client.name))}</B></FONT>`),
    row(small(esc(cleanText(`${client.clientNumber} · ${client.status}`)))),
    row(badgeRow(client.packages)),
  ]);
}

/** "ziet: 20010, 20021, …" in lines of a few numbers; "ziet: niets" for a portal that shows nothing. */
function seesLines(contact: OrganogramContact, clientNumberOf: (clientId: string) => string): string[] {
  const seen = contact.seesClientIds.map(clientNumberOf);
  if (seen.length === 0) return contact.portal ? ['ziet: niets'] : [];
  return chunk(seen, SEES_PER_LINE).map((line, i) => `${i === 0 ? 'ziet: ' : ''}${line.join(', ')}`);
}

/** Name, role, the portal switch with its user group, and the client numbers it sees in the portal. */
export function contactLabel(
  contact: OrganogramContact,
  group: PortalGroup | undefined,
  clientNumberOf: (clientId: string) => string,
): string {
  const rows = [row(`<FONT POINT-SIZE="${FONT.contactName}"><B>${esc(cleanText(contact.name))}</B></FONT>`)];
  if (contact.role !== undefined && cleanText(contact.role) !== '') rows.push(row(small(`<I>${esc(cleanText(contact.role))}</I>`)));
  const portal = [portalLabel(contact.portal), ...(group === undefined ? [] : [`groep ${group.letter}`])].join(' · ');
  const color = contact.portal ? '#065f46' : '#6b7280';
  const sees = seesLines(contact, clientNumberOf);
  // The usual case, one or two clients seen, fits on the portal line; a longer list gets lines of its own.
  if (sees.length === 1 && contact.seesClientIds.length <= 2) {
    rows.push(row(small(esc(`${portal} · ${sees[0]}`), color)));
  } else {
    rows.push(row(small(esc(portal), color)));
    for (const line of sees) rows.push(row(small(esc(line))));
  }
  return table(rows);
}

export function titleLabel(title: string): string {
  return table([
    row(`<FONT POINT-SIZE="${FONT.title}"><B>${esc(cleanText(title))}</B></FONT>`),
    row(`<FONT POINT-SIZE="${FONT.legend}" COLOR="${MUTED}">${esc(LEGEND_TEXT)}</FONT>`),
  ]);
}

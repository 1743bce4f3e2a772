import type { OrganogramClient, OrganogramContact, OrganogramModel } from '../organogram.model';
import { groupColor } from '../labels/colors';
import { encodeIdPart } from '../labels/ids';
import { type LayoutOptions, layoutRows, maxPerRowOf } from '../layout/layout-rows';
import { indexOrganogram, type OrganogramIndex } from '../labels/organogram-index';
import { packageShortList } from '../labels/packages';
import { INVOICE_LABEL, KIND_LABEL, LEGEND_TEXT, ROLE_LABEL, chunk, formatPercent, portalLabel } from '../labels/text';
import { escapeMermaidText, mermaidLabel, yamlString } from './mermaid-escape';

/** Mermaid node ids: letters, digits and `_` only, so no id can be mistaken for part of an arrow. */
const clientId = (id: string): string => `client_${encodeIdPart(id)}`;
const contactId = (id: string): string => `contact_${encodeIdPart(id)}`;

const CLASS_DEFS = [
  'classDef client fill:#ffffff,stroke:#6b7280,color:#111827',
  'classDef head fill:#eef2ff,stroke:#3730a3,stroke-width:4px,font-weight:bold',
  'classDef noRole stroke-dasharray:4 3,color:#4b5563',
  'classDef selected fill:#fef9c3,stroke:#d97706,stroke-width:3px',
  'classDef contact fill:#f3f4f6,stroke:#9ca3af,color:#111827,font-size:12px',
  'classDef portalOff fill:#ffffff,stroke-dasharray:4 3,color:#6b7280',
];

function clientNode(client: OrganogramClient): string {
  const role = client.role === 'head' ? ROLE_LABEL.head.toUpperCase() : ROLE_LABEL[client.role];
  const label = mermaidLabel([
    `${KIND_LABEL[client.kind]} · ${role}`,
    client.name,
    `${client.clientNumber} · ${client.status}`,
    packageShortList(client.packages),
  ]);
  // Shape tells persons from companies: a stadium for a person, a rounded box for a company.
  return client.kind === 'person' ? `${clientId(client.id)}([${label}])` : `${clientId(client.id)}(${label})`;
}

function contactNode(contact: OrganogramContact, index: OrganogramIndex): string {
  const group = index.groupOf(contact);
  const seen = contact.seesClientIds.map((id) => index.clientById.get(id)?.clientNumber ?? id);
  const lines = [contact.name];
  if (contact.role !== undefined && contact.role.trim() !== '') lines.push(contact.role);
  lines.push([portalLabel(contact.portal), ...(group === undefined ? [] : [`groep ${group.letter}`])].join(' · '));
  if (seen.length > 0) chunk(seen, 4).forEach((line, i) => lines.push(`${i === 0 ? 'ziet: ' : ''}${line.join(', ')}`));
  else if (contact.portal) lines.push('ziet: niets');
  return `${contactId(contact.id)}[${mermaidLabel(lines)}]`;
}

/** Pairs [lowest node of the block above, client below] for every wrapped row; see layoutRows. */
function wrapPairs(index: OrganogramIndex, maxPerRow: number): Array<[string, string]> {
  const bottom = (id: string): string => {
    const contacts = index.contactsByClient.get(id) ?? [];
    const last = contacts[contacts.length - 1];
    return last === undefined ? clientId(id) : contactId(last.id);
  };
  const rows = layoutRows(index.clients, index.ownerships, maxPerRow);
  return rows.flatMap((row, i) =>
    row.wrapped ? row.clientIds.map((id, column): [string, string] => [bottom(rows[i - 1].clientIds[column]), clientId(id)]) : [],
  );
}

/** Collects lines and numbers the links, because `linkStyle` addresses links by their position. */
class MermaidWriter {
  readonly lines: string[] = [];
  private links = 0;
  readonly linkStyles = new Map<string, number[]>();

  line(text: string, depth = 1): void {
    this.lines.push(`${'  '.repeat(depth)}${text}`);
  }

  link(text: string, style: string | undefined, depth = 1): void {
    this.line(text, depth);
    if (style !== undefined) this.linkStyles.set(style, [...(this.linkStyles.get(style) ?? []), this.links]);
    this.links++;
  }
}

/** Model → Mermaid flowchart text. Pure: same model, same text. */
export function renderMermaid(model: OrganogramModel, options: LayoutOptions = {}): string {
  const index = indexOrganogram(model);
  const out = new MermaidWriter();
  out.lines.push('---', `title: ${yamlString(model.title)}`, '---', 'flowchart TB');
  out.line(`%% ${LEGEND_TEXT}`);

  for (const client of index.clients) {
    const contacts = index.contactsByClient.get(client.id) ?? [];
    if (contacts.length === 0) {
      out.line(clientNode(client));
      continue;
    }
    // The client and its contacts framed together, as in the SVG.
    out.line(`subgraph group_${encodeIdPart(client.id)}["${escapeMermaidText(`${client.clientNumber} · contactpersonen`)}"]`);
    out.line('direction TB', 2);
    out.line(clientNode(client), 2);
    for (const contact of contacts) {
      out.line(contactNode(contact, index), 2);
      out.link(`${clientId(client.id)} --- ${contactId(contact.id)}`, 'stroke:#9ca3af', 2);
    }
    out.line('end');
  }
  for (const contact of index.looseContacts) out.line(contactNode(contact, index));

  for (const o of index.ownerships) {
    out.link(`${clientId(o.ownerId)} -->|"${escapeMermaidText(formatPercent(o.percent))}"| ${clientId(o.ownedId)}`, 'stroke:#374151,stroke-width:2px');
  }
  for (const inv of index.invoiceTo) {
    out.link(`${clientId(inv.fromId)} -.->|"${INVOICE_LABEL}"| ${clientId(inv.toId)}`, 'stroke:#b45309,stroke-dasharray:2 4,color:#b45309');
  }
  // Seeing one's own client is in the contact's label; only access to another client gets a link.
  for (const contact of index.contacts) {
    for (const seen of contact.seesClientIds) {
      if (seen === contact.atClientId || !index.clientById.has(seen)) continue;
      out.link(`${contactId(contact.id)} -.-> ${clientId(seen)}`, 'stroke:#2563eb,stroke-dasharray:8 4');
    }
  }

  for (const def of CLASS_DEFS) out.line(def);
  const classes = new Map<string, string[]>();
  const addClass = (name: string, id: string): void => void classes.set(name, [...(classes.get(name) ?? []), id]);
  for (const client of index.clients) {
    addClass('client', clientId(client.id));
    if (client.role === 'head') addClass('head', clientId(client.id));
    if (client.role === 'none') addClass('noRole', clientId(client.id));
    if (client.selected === true) addClass('selected', clientId(client.id));
  }
  const groupDefs = new Map<string, string>();
  for (const contact of index.contacts) {
    addClass('contact', contactId(contact.id));
    const group = index.groupOf(contact);
    if (!contact.portal) addClass('portalOff', contactId(contact.id));
    else if (group !== undefined) {
      groupDefs.set(`group${group.letter}`, `classDef group${group.letter} fill:${groupColor(group.index)}`);
      addClass(`group${group.letter}`, contactId(contact.id));
    }
  }
  for (const def of groupDefs.values()) out.line(def);
  for (const [name, ids] of classes) out.line(`class ${ids.join(',')} ${name}`);
  for (const [style, links] of out.linkStyles) out.line(`linkStyle ${links.join(',')} ${style}`);
  // Wrapped rows as in the SVG: an invisible link puts each client under the block above it. Last,
  // so they cannot shift the positions that linkStyle counts.
  for (const [above, below] of wrapPairs(index, maxPerRowOf(options))) out.line(`${above} ~~~ ${below}`);
  return `${out.lines.join('\n')}\n`;
}

import type { OrganogramClient, OrganogramContact, OrganogramModel } from '../organogram.model';
import { groupColor } from '../labels/colors';
import { encodeIdPart } from '../labels/ids';
import { indexOrganogram, type OrganogramIndex } from '../labels/organogram-index';
import { INVOICE_LABEL, formatPercent } from '../labels/text';
import { clientLabel, contactLabel, titleLabel } from './dot-labels';
import { type DotAttributes, formatAttributes, html, quoteDot } from './dot-escape';
import { type LayoutOptions, layoutRows, maxPerRowOf } from '../layout/layout-rows';

export type DotRenderOptions = LayoutOptions;

/** DOM ids in the SVG: `client-<id>` and `contact-<id>` (id encoded by `encodeIdPart`). */
export const clientNodeId = (clientId: string): string => `client-${encodeIdPart(clientId)}`;
export const contactNodeId = (contactId: string): string => `contact-${encodeIdPart(contactId)}`;

function clientAttributes(client: OrganogramClient): DotAttributes {
  const head = client.role === 'head';
  const styles = [client.kind === 'company' ? 'rounded' : undefined, 'filled', client.role === 'none' ? 'dashed' : undefined];
  return {
    id: clientNodeId(client.id),
    class: ['client', client.kind, client.role, client.selected === true ? 'selected' : undefined].filter(Boolean).join(' '),
    shape: client.kind === 'company' ? 'box' : 'ellipse',
    style: styles.filter(Boolean).join(','),
    fillcolor: client.selected === true ? '#fef9c3' : head ? '#eef2ff' : '#ffffff',
    color: client.selected === true ? '#d97706' : head ? '#3730a3' : '#6b7280',
    penwidth: client.selected === true ? 3 : head ? 2 : 1,
    peripheries: head ? 2 : undefined,
    margin: client.kind === 'company' ? '0.12,0.06' : '0.02,0.02',
    label: html(clientLabel(client)),
  };
}

function contactAttributes(contact: OrganogramContact, index: OrganogramIndex): DotAttributes {
  const group = index.groupOf(contact);
  return {
    id: contactNodeId(contact.id),
    class: `contact ${contact.portal ? 'portal-on' : 'portal-off'}`,
    shape: 'box',
    style: contact.portal ? 'rounded,filled' : 'rounded,filled,dashed',
    fillcolor: !contact.portal ? '#ffffff' : group === undefined ? '#f3f4f6' : groupColor(group.index),
    color: '#9ca3af',
    margin: '0.1,0.04',
    label: html(contactLabel(contact, group, (id) => index.clientById.get(id)?.clientNumber ?? id)),
  };
}

function node(id: string, attributes: DotAttributes): string {
  return `${quoteDot(id)}${formatAttributes(attributes)};`;
}

function edge(from: string, to: string, attributes: DotAttributes): string {
  return `${quoteDot(from)} -> ${quoteDot(to)}${formatAttributes(attributes)};`;
}

/**
 * One block per client: the client on top and its contacts stacked under it in a light frame, so a
 * contact is read with its client and a wide cluster does not also grow a row of contacts.
 */
function clientBlock(client: OrganogramClient, index: OrganogramIndex): string[] {
  const contacts = index.contactsByClient.get(client.id) ?? [];
  const clientNode = node(clientNodeId(client.id), clientAttributes(client));
  if (contacts.length === 0) return [`  ${clientNode}`];
  const lines = [
    `  subgraph ${quoteDot(`cluster_${clientNodeId(client.id)}`)} {`,
    `    graph${formatAttributes({ id: `group-${encodeIdPart(client.id)}`, class: 'client-group', label: '', style: 'rounded', color: '#d1d5db', margin: 6 })};`,
    `    ${clientNode}`,
  ];
  let above = clientNodeId(client.id);
  for (const contact of contacts) {
    lines.push(`    ${node(contactNodeId(contact.id), contactAttributes(contact, index))}`);
    lines.push(`    ${edge(above, contactNodeId(contact.id), { style: 'invis', weight: 10 })}`);
    above = contactNodeId(contact.id);
  }
  lines.push('  }');
  return lines;
}

/** The lowest node of a client's block: what a wrapped row has to go under. */
function blockBottom(clientId: string, index: OrganogramIndex): string {
  const contacts = index.contactsByClient.get(clientId) ?? [];
  const last = contacts[contacts.length - 1];
  return last === undefined ? clientNodeId(clientId) : contactNodeId(last.id);
}

/** Model → DOT text. Pure: same model, same text. */
export function renderDot(model: OrganogramModel, options: DotRenderOptions = {}): string {
  const index = indexOrganogram(model);
  const lines: string[] = [
    'digraph organogram {',
    `  graph${formatAttributes({
      id: 'organogram',
      rankdir: 'TB',
      newrank: true,
      nodesep: 0.25,
      ranksep: 0.3,
      pad: 0.3,
      fontname: 'Helvetica',
      labelloc: 't',
      label: html(titleLabel(model.title)),
    })};`,
    `  node${formatAttributes({ fontname: 'Helvetica', fontsize: 10 })};`,
    `  edge${formatAttributes({ fontname: 'Helvetica', fontsize: 10, color: '#374151', arrowsize: 0.7 })};`,
  ];

  for (const client of index.clients) lines.push(...clientBlock(client, index));
  for (const contact of index.looseContacts) lines.push(`  ${node(contactNodeId(contact.id), contactAttributes(contact, index))}`);

  index.ownerships.forEach((o, i) =>
    lines.push(
      `  ${edge(clientNodeId(o.ownerId), clientNodeId(o.ownedId), {
        id: `ownership-${i}`,
        class: 'ownership',
        label: formatPercent(o.percent),
        fontname: 'Helvetica-Bold',
        penwidth: 1.5,
      })}`,
    ),
  );
  // Invoice and portal edges say nothing about hierarchy: constraint=false keeps them out of the ranking.
  index.invoiceTo.forEach((inv, i) =>
    lines.push(
      `  ${edge(clientNodeId(inv.fromId), clientNodeId(inv.toId), {
        id: `invoice-${i}`,
        class: 'invoice',
        label: INVOICE_LABEL,
        style: 'dotted',
        penwidth: 1.5,
        color: '#b45309',
        fontcolor: '#b45309',
        fontsize: 9,
        constraint: false,
      })}`,
    ),
  );
  // Seeing one's own client is said in the node ("ziet: …"); only access to another client gets an edge.
  for (const contact of index.contacts) {
    for (const seen of contact.seesClientIds) {
      if (seen === contact.atClientId || !index.clientById.has(seen)) continue;
      lines.push(
        `  ${edge(contactNodeId(contact.id), clientNodeId(seen), {
          class: 'sees',
          style: 'dashed',
          color: '#2563eb',
          arrowhead: 'open',
          constraint: false,
        })}`,
      );
    }
  }
  // Rows: one rank per row; each row under every block of the row before it (weight 0: ordering
  // only), and a wrapped row's columns under the same columns of the row above (weighted: a grid).
  const rows = layoutRows(index.clients, index.ownerships, maxPerRowOf(options));
  rows.forEach((row, i) => {
    const ids = row.clientIds;
    if (ids.length > 1) lines.push(`  { rank=same; ${ids.map((id) => `${quoteDot(clientNodeId(id))};`).join(' ')} }`);
    const previous = rows[i - 1];
    if (previous === undefined) return;
    previous.clientIds.forEach((above, column) => {
      const below = row.wrapped ? ids[column] : undefined;
      const attributes = { style: 'invis', weight: below === undefined ? 0 : 5 };
      lines.push(`  ${edge(blockBottom(above, index), clientNodeId(below ?? ids[0]), attributes)}`);
    });
  });
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

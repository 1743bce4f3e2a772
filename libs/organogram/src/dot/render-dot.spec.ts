import type { OrganogramModel } from '../organogram.model';
import { buildLargeCluster } from '../testing/large-cluster';
import { REFERENCE_CLIENT_NAMES, buildReferenceCluster } from '../testing/reference-cluster';
import { escapeHtmlText } from './dot-escape';
import { clientNodeId, contactNodeId, renderDot } from './render-dot';

/** The attribute list of one node statement, e.g. `"client-H" [ … ];`. */
function nodeStatement(dot: string, nodeId: string): string {
  const line = dot.split('\n').find((l) => l.trimStart().startsWith(`"${nodeId}" [`));
  if (line === undefined) throw new Error(`no node ${nodeId} in the DOT`);
  return line;
}

function edgeStatements(dot: string, className: string): string[] {
  return dot.split('\n').filter((line) => line.includes(`class="${className}"`) && line.includes(' -> '));
}

describe('renderDot', () => {
  const model = buildReferenceCluster();
  const dot = renderDot(model);

  it('is a directed graph laid out top to bottom', () => {
    expect(dot.startsWith('digraph organogram {')).toBe(true);
    expect(dot.trimEnd().endsWith('}')).toBe(true);
    expect(dot).toContain('rankdir="TB"');
  });

  it('has every client, by name (escaped) and by node id', () => {
    for (const name of REFERENCE_CLIENT_NAMES) expect(dot).toContain(`<B>${escapeHtmlText(name)}</B>`);
    expect(dot).toContain('De Vries &amp; Van den Berg Holding B.V.');
    for (const client of model.clients) nodeStatement(dot, clientNodeId(client.id));
  });

  it('has all ten contacts as nodes of class contact, in a frame with their client', () => {
    const contactNodes = dot.split('\n').filter((line) => /class="contact /.test(line));
    expect(contactNodes).toHaveLength(10);
    for (const contact of model.contacts) expect(nodeStatement(dot, contactNodeId(contact.id))).toContain(escapeHtmlText(contact.name));
    expect(dot).toContain('subgraph "cluster_client-W1" {');
  });

  it('marks the head: double border, class head, the word CLUSTERHOOFD', () => {
    const head = nodeStatement(dot, 'client-H');
    expect(head).toContain('class="client company head"');
    expect(head).toContain('peripheries="2"');
    expect(head).toContain('CLUSTERHOOFD');
    expect(nodeStatement(dot, 'client-W1')).not.toContain('peripheries');
    expect(nodeStatement(dot, 'client-W1')).toContain('clusterlid');
  });

  it('draws persons as ellipses and companies as boxes', () => {
    expect(nodeStatement(dot, 'client-DGA1')).toContain('shape="ellipse"');
    expect(nodeStatement(dot, 'client-DGA1')).toContain('persoon');
    expect(nodeStatement(dot, 'client-PH1')).toContain('shape="box"');
  });

  it('labels every ownership edge with its percentage', () => {
    const edges = edgeStatements(dot, 'ownership');
    expect(edges).toHaveLength(6);
    for (const o of model.ownerships) {
      expect(edges).toContainEqual(expect.stringContaining(`"client-${o.ownerId}" -> "client-${o.ownedId}"`));
    }
    expect(edges.find((e) => e.includes('"client-PH1" -> "client-H"'))).toContain('label="50%"');
    expect(edges.find((e) => e.includes('"client-H" -> "client-W2"'))).toContain('label="100%"');
  });

  it('draws invoice-to edges dotted, labelled "factuur aan", outside the ranking', () => {
    const edges = edgeStatements(dot, 'invoice');
    expect(edges).toHaveLength(3);
    for (const edge of edges) {
      expect(edge).toContain('style="dotted"');
      expect(edge).toContain('label="factuur aan"');
      expect(edge).toContain('constraint="false"');
    }
    expect(edges).toContainEqual(expect.stringContaining('"client-W2" -> "client-H"'));
  });

  it('shows the packages as badges', () => {
    const person = nodeStatement(dot, 'client-DGA1');
    expect(['PW', 'NX', 'QM'].every((badge) => person.includes(`>${badge}</FONT>`))).toBe(true);
    expect(person).not.toContain('>TF</FONT>');
    expect(nodeStatement(dot, 'client-W2')).toContain('>TF</FONT>');
  });

  it('shows the portal switch, the portal group and what a contact sees', () => {
    const jan = nodeStatement(dot, 'contact-W1_2d_jpdv');
    expect(jan).toContain('portaal: aan · groep A · ziet: 20021');
    expect(jan).toContain('class="contact portal-on"');
    const kees = nodeStatement(dot, 'contact-W1_2d_kb');
    expect(kees).toContain('portaal: uit');
    expect(kees).toContain('Hoofd P&amp;O');
    expect(kees).toContain('dashed');
    // In the reference every contact sees only its own client: no portal edges.
    expect(edgeStatements(dot, 'sees')).toHaveLength(0);
  });

  it('draws a dashed edge when a contact sees another client', () => {
    const shared: OrganogramModel = buildReferenceCluster();
    const marieke = shared.contacts.find((c) => c.id === 'H-mj');
    marieke?.seesClientIds.push('W1', 'W2', 'PH1');
    const out = renderDot(shared);
    const sees = edgeStatements(out, 'sees');
    expect(sees).toHaveLength(3);
    expect(sees[0]).toContain('"contact-H_2d_mj" -> "client-W1"');
    expect(sees[0]).toContain('style="dashed"');
    expect(nodeStatement(out, 'contact-H_2d_mj')).toContain('ziet: 20010, 20021, 20022, 20011');
  });

  it('escapes names for DOT: quotes, &, <, > and backslashes', () => {
    const nasty = buildReferenceCluster();
    nasty.clients[0].name = 'Smit "& Zn" <b>x</b> \\N';
    nasty.contacts[0].name = "O'Brien & Zoon";
    nasty.title = 'Titel "met" <tekens>';
    const out = renderDot(nasty);
    expect(out).toContain('<B>Smit &quot;&amp; Zn&quot; &lt;b&gt;x&lt;/b&gt; \\\\N</B>');
    expect(out).toContain('O&#39;Brien &amp; Zoon');
    expect(out).toContain('Titel &quot;met&quot; &lt;tekens&gt;');
    expect(out).not.toContain('<b>x</b>');
  });

  it('keeps odd ids safe and unique', () => {
    const odd = buildReferenceCluster();
    odd.clients[3].id = 'w "1" \\';
    for (const o of odd.ownerships) if (o.ownedId === 'W1') o.ownedId = 'w "1" \\';
    for (const c of odd.contacts) if (c.atClientId === 'W1') c.atClientId = 'w "1" \\';
    const out = renderDot(odd);
    expect(out).toContain(`"${clientNodeId('w "1" \\')}" [`);
    expect(clientNodeId('w "1" \\')).toMatch(/^client-[A-Za-z0-9_]+$/);
    expect(out).toContain(`"client-H" -> "${clientNodeId('w "1" \\')}"`);
  });

  it('highlights the selected client and marks a client without cluster role', () => {
    const marked = buildReferenceCluster();
    marked.clients[3].selected = true;
    marked.clients[4].role = 'none';
    const out = renderDot(marked);
    expect(nodeStatement(out, 'client-W1')).toContain('class="client company member selected"');
    expect(nodeStatement(out, 'client-W1')).toContain('fillcolor="#fef9c3"');
    expect(nodeStatement(out, 'client-W2')).toContain('style="rounded,filled,dashed"');
    expect(nodeStatement(out, 'client-W2')).toContain('geen clusterrol');
  });

  it('renders an empty cluster as a graph with only its title', () => {
    const out = renderDot({ title: 'Leeg', clients: [], ownerships: [], contacts: [], invoiceTo: [] });
    expect(out).toContain('<B>Leeg</B>');
    expect(out).not.toContain(' -> ');
  });

  it('is deterministic', () => {
    expect(renderDot(buildReferenceCluster())).toBe(dot);
  });

  it('renders a 30-client cluster in wrapped rows of at most 8', () => {
    const large = buildLargeCluster(30);
    const out = renderDot(large);
    expect(out.split('\n').filter((l) => /class="client /.test(l))).toHaveLength(30);
    for (const client of large.clients) expect(out).toContain(`<B>${escapeHtmlText(client.name)}</B>`);
    for (const contact of large.contacts) nodeStatement(out, contactNodeId(contact.id));
    const rows = out.split('\n').filter((l) => l.includes('rank=same'));
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) expect(row.match(/"client-/g)?.length ?? 0).toBeLessThanOrEqual(8);
    expect(edgeStatements(out, 'ownership')).toHaveLength(large.ownerships.length);
    expect(out).toContain('label="66,67%"');
  });
});

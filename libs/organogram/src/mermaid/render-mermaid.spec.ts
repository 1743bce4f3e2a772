import { buildLargeCluster } from '../testing/large-cluster';
import { REFERENCE_CLIENT_NAMES, buildReferenceCluster } from '../testing/reference-cluster';
import { escapeMermaidText, yamlString } from './mermaid-escape';
import { renderMermaid } from './render-mermaid';

const lines = (text: string): string[] => text.split('\n').map((l) => l.trim());

/** Lines that draw a link (not the node definitions, whose labels may contain `-->`-like text in quotes). */
function links(text: string): string[] {
  return lines(text).filter((l) => /^\w+ (---|-->|-\.->)/.test(l));
}

describe('renderMermaid', () => {
  const model = buildReferenceCluster();
  const mmd = renderMermaid(model);

  it('is a top-to-bottom flowchart with the title in front matter', () => {
    expect(lines(mmd).slice(0, 4)).toEqual(['---', 'title: "Cluster De Vries & Van den Berg Holding B.V."', '---', 'flowchart TB']);
  });

  it('has every client by its escaped name, & written as #amp;', () => {
    for (const name of REFERENCE_CLIENT_NAMES) expect(mmd).toContain(escapeMermaidText(name));
    expect(mmd).toContain('De Vries #amp; Van den Berg Holding B.V.');
    const body = mmd.slice(mmd.indexOf('flowchart TB'));
    expect(body).not.toContain(' & '); // a raw & would be read as the start of an HTML entity
  });

  it('shapes persons as stadiums and companies as rounded boxes', () => {
    expect(mmd).toContain('client_DGA1(["persoon · clusterlid<br/>J.P. de Vries<br/>20001 · Klant<br/>PW NX QM"])');
    expect(mmd).toContain('client_W2("onderneming · clusterlid<br/>VB Installatietechniek B.V.<br/>20022 · Klant<br/>PW NX QM TF")');
  });

  it('marks the head with the head class and the word CLUSTERHOOFD', () => {
    expect(mmd).toContain('class client_H head');
    expect(mmd).toMatch(/client_H\("onderneming · CLUSTERHOOFD<br\/>/);
  });

  it('has all ten contacts in a subgraph with their client', () => {
    const contactNodes = lines(mmd).filter((l) => /^contact_\w+\["/.test(l));
    expect(contactNodes).toHaveLength(10);
    for (const contact of model.contacts) expect(contactNodes.join('\n')).toContain(escapeMermaidText(contact.name));
    expect(mmd).toContain('subgraph group_W1["20021 · contactpersonen"]');
    expect(mmd).toContain('contact_W1_2d_kb["Kees Bakker<br/>Hoofd P#amp;O<br/>○ portaal: uit"]');
    expect(mmd).toContain('contact_W1_2d_jpdv["Jan Pieter de Vries<br/>● portaal: aan · groep A<br/>ziet: 20021"]');
    expect(lines(mmd).filter((l) => l === 'end')).toHaveLength(5);
  });

  it('labels ownership edges with percentages and draws invoice-to dotted', () => {
    for (const o of model.ownerships) expect(mmd).toContain(`client_${o.ownerId} -->|"${o.percent}%"| client_${o.ownedId}`);
    for (const i of model.invoiceTo) expect(mmd).toContain(`client_${i.fromId} -.->|"factuur aan"| client_${i.toId}`);
  });

  it('styles every link by its position', () => {
    const count = links(mmd).length;
    expect(count).toBe(10 + 6 + 3);
    const styled = lines(mmd)
      .filter((l) => l.startsWith('linkStyle '))
      .flatMap((l) => l.split(' ')[1].split(',').map(Number));
    expect(styled.sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, i) => i));
  });

  it('draws a link when a contact sees another client', () => {
    const shared = buildReferenceCluster();
    shared.contacts.find((c) => c.id === 'H-mj')?.seesClientIds.push('W1');
    const out = renderMermaid(shared);
    expect(out).toContain('contact_H_2d_mj -.-> client_W1');
    expect(out).toContain('ziet: 20010, 20021');
  });

  it('escapes quotes as #quot; and keeps tags, # and backticks inert', () => {
    expect(escapeMermaidText('Smit "& Zn" <b>x</b> #quot; `y`')).toBe(
      'Smit #quot;#amp; Zn#quot; #lt;b#gt;x#lt;/b#gt; #35;quot; #96;y#96;',
    );
    const nasty = buildReferenceCluster();
    nasty.clients[0].name = 'A "B" & C';
    nasty.title = 'Titel "x" \\ y';
    const out = renderMermaid(nasty);
    expect(out).toContain('A #quot;B#quot; #amp; C');
    expect(out).toContain('title: "Titel \\"x\\" \\\\ y"');
    expect(yamlString('a\nb')).toBe('"a b"');
  });

  it('renders an empty cluster as a flowchart with only its title', () => {
    const out = renderMermaid({ title: 'Leeg', clients: [], ownerships: [], contacts: [], invoiceTo: [] });
    expect(out).toContain('flowchart TB');
    expect(out).not.toContain('linkStyle');
  });

  it('is deterministic', () => {
    expect(renderMermaid(buildReferenceCluster())).toBe(mmd);
  });

  it('renders a 30-client cluster', () => {
    const large = buildLargeCluster(30);
    const out = renderMermaid(large);
    expect(lines(out).filter((l) => /^client_\w+\(/.test(l))).toHaveLength(30);
    for (const client of large.clients) expect(out).toContain(escapeMermaidText(client.name));
    expect(lines(out).filter((l) => /^contact_\w+\["/.test(l))).toHaveLength(large.contacts.length);
    expect(out).toContain('|"66,67%"|');
  });

  it('wraps a wide level into rows with invisible links, after the styled ones', () => {
    const out = renderMermaid(buildLargeCluster(30));
    const all = lines(out);
    const invisible = all.filter((l) => l.includes(' ~~~ '));
    expect(invisible.length).toBeGreaterThan(8);
    expect(all.findIndex((l) => l.includes(' ~~~ '))).toBeGreaterThan(all.map((l) => l.startsWith('linkStyle')).lastIndexOf(true));
    const styled = all.filter((l) => l.startsWith('linkStyle ')).flatMap((l) => l.split(' ')[1].split(',').map(Number));
    expect(styled.sort((a, b) => a - b)).toEqual(Array.from({ length: links(out).length }, (_, i) => i));
    expect(renderMermaid(buildReferenceCluster())).not.toContain('~~~');
  });
});

import { renderDot } from '../dot/render-dot';
import { buildLargeCluster } from '../testing/large-cluster';
import { REFERENCE_CLIENT_NAMES, buildReferenceCluster } from '../testing/reference-cluster';
import { svgGroups, svgTexts } from '../testing/svg-text';
import { closeSvgRenderer, renderSvg } from './render-svg';

afterAll(() => closeSvgRenderer());

describe('renderSvg (Graphviz in WebAssembly)', () => {
  const model = buildReferenceCluster();
  let svg: string;

  beforeAll(async () => {
    svg = await renderSvg(renderDot(model));
  });

  it('returns an SVG document', () => {
    expect(svg).toContain('<svg');
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
  });

  it('shows every client name as a <text> element, & included', () => {
    const texts = svgTexts(svg);
    for (const name of REFERENCE_CLIENT_NAMES) expect(texts).toContain(name);
    expect(svg).toContain('>De Vries &amp; Van den Berg Holding B.V.</text>');
  });

  it('has ten contact nodes, each with its name as a <text> element', () => {
    const contactIds = svgGroups(svg, 'contact');
    expect(contactIds.sort()).toEqual(model.contacts.map((c) => `contact-${c.id.replace(/-/g, '_2d_')}`).sort());
    const texts = svgTexts(svg);
    const count = (name: string): number => texts.filter((t) => t === name).length;
    expect(count('Jan Pieter de Vries')).toBe(3);
    expect(count('Anna van den Berg')).toBe(3);
    expect(count('Marieke Jansen')).toBe(3);
    expect(count('Kees Bakker')).toBe(1);
  });

  it('marks the head and labels edges', () => {
    expect(svgGroups(svg, 'head')).toEqual(['client-H']);
    expect(svgGroups(svg, 'ownership')).toHaveLength(6);
    expect(svgGroups(svg, 'invoice')).toHaveLength(3);
    const texts = svgTexts(svg);
    expect(texts.filter((t) => t === '50%')).toHaveLength(2);
    expect(texts.filter((t) => t === '100%')).toHaveLength(4);
    expect(texts.filter((t) => t === 'factuur aan')).toHaveLength(3);
    expect(texts).toContain('CLUSTERHOOFD');
  });

  it('renders several diagrams at once on the one instance, the 30-client cluster among them', async () => {
    const large = buildLargeCluster(30);
    const [again, big] = await Promise.all([renderSvg(renderDot(model)), renderSvg(renderDot(large))]);
    expect(again).toBe(svg);
    expect(svgGroups(big, 'client')).toHaveLength(30);
    expect(svgGroups(big, 'contact')).toHaveLength(large.contacts.length);
    const texts = svgTexts(big);
    for (const client of large.clients) expect(texts).toContain(client.name);
  });

  it("rejects invalid DOT with Graphviz's message and keeps working", async () => {
    await expect(renderSvg('digraph { a -> }')).rejects.toThrow(/Graphviz could not render the DOT/);
    await expect(renderSvg('digraph { a -> b }')).resolves.toContain('<svg');
  });

  it('starts a new worker after being closed', async () => {
    await closeSvgRenderer();
    await expect(renderSvg('digraph { a -> b }')).resolves.toContain('<svg');
  });
});

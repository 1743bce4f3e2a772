/** The text of every `<text>` element in a Graphviz SVG, XML entities decoded: what a reader sees. */
export function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((match) => decodeXml(match[1] ?? ''));
}

/** Elements of one class in a Graphviz SVG, e.g. `svgGroups(svg, 'contact')` for the contact nodes. */
export function svgGroups(svg: string, className: string): string[] {
  // Graphviz writes `-` in attributes as `&#45;`, so ids and classes are decoded before comparing.
  return [...svg.matchAll(/<g id="([^"]*)" class="([^"]*)"/g)]
    .filter((match) => decodeXml(match[2] ?? '').split(' ').includes(className))
    .map((match) => decodeXml(match[1] ?? ''));
}

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, (_, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[entity.toLowerCase()] ?? '';
  });
}

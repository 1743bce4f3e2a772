import { escapeHtmlText, formatAttributes, html, quoteDot } from './dot-escape';

describe('DOT escaping', () => {
  it('writes HTML-label text as entities, keeping & from becoming an entity start', () => {
    expect(escapeHtmlText('De Vries & Van den Berg Holding B.V.')).toBe('De Vries &amp; Van den Berg Holding B.V.');
    expect(escapeHtmlText(`<b>"O'Brien"</b>`)).toBe('&lt;b&gt;&quot;O&#39;Brien&quot;&lt;/b&gt;');
    expect(escapeHtmlText('Smit &amp; Zn')).toBe('Smit &amp;amp; Zn');
  });

  it('doubles backslashes so Graphviz does not replace \\N by the node name', () => {
    expect(escapeHtmlText('a\\Nb')).toBe('a\\\\Nb');
  });

  it('quotes DOT strings, escaping quotes, backslashes and newlines', () => {
    expect(quoteDot('plain')).toBe('"plain"');
    expect(quoteDot('say "hi"\\ \n')).toBe('"say \\"hi\\"\\\\ \\n"');
  });

  it('formats attributes, HTML labels unquoted and undefined ones left out', () => {
    expect(formatAttributes({ shape: 'box', peripheries: undefined, label: html('<B>x</B>'), constraint: false })).toBe(
      ' [shape="box", label=<<B>x</B>>, constraint="false"]',
    );
    expect(formatAttributes({})).toBe('');
  });
});

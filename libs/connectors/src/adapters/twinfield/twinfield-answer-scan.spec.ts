import { scanAcceptedDimensions } from './twinfield-answer-scan';
import { twinfieldXmlParser } from './twinfield-xml';

const accepted = (code: string, uid: string, touched: number, extra = '') =>
  `<dimension result="1" status="active"><office>NLA001</office><type>DEB</type><code>${code}</code>` +
  `<name>De Vries &amp; Zn</name>${extra}<uid>${uid}</uid><inuse>false</inuse><touched>${touched}</touched></dimension>`;

describe('scanning a Twinfield answer whose customers were all accepted', () => {
  it('given customers in <dimensions>, then each gives its code, uid, status and write count, in order', () => {
    const xml = `<dimensions result="1">${accepted('20010', 'u-1', 1)}${accepted('20020', 'u-2', 4)}</dimensions>`;

    expect(scanAcceptedDimensions(xml, 2)).toEqual([
      { ok: true, code: '20010', uid: 'u-1', status: 'active', touched: 1 },
      { ok: true, code: '20020', uid: 'u-2', status: 'active', touched: 4 },
    ]);
  });

  it('given what the full parser would read the same way, then the scan reads it the same', () => {
    // A lone dimension, a declaration, prefixes, entities, a '>' inside an attribute value, nested
    // elements that are not the customer's own code, self-closing elements and line breaks.
    const xml =
      '<?xml version="1.0" encoding="utf-8"?>\n' +
      '<tw:dimension result="1" status="hide" note="a > b">\n' +
      '  <tw:code>20010</tw:code>\n' +
      '  <financials><code>OTHER</code><childvalidations/></financials>\n' +
      '  <addresses><address id="1" type="invoice"><field2>Straat &lt;1&gt;</field2></address></addresses>\n' +
      '  <uid> c5027760-476e </uid><touched>2</touched>\n' +
      '</tw:dimension>';
    const full = twinfieldXmlParser.parse(xml).dimension;

    expect(scanAcceptedDimensions(xml, 1)).toEqual([{ ok: true, code: full.code, uid: full.uid, status: full['@_status'], touched: Number(full.touched) }]);
    expect(full.code).toBe('20010');
  });

  it('given character references in a value, then they are read as XML says', () => {
    expect(scanAcceptedDimensions('<dimension result="1"><code>2001&#48;</code><uid>a&#x2D;b</uid></dimension>', 1)).toEqual([
      { ok: true, code: '20010', uid: 'a-b', status: undefined, touched: undefined },
    ]);
  });

  it('given an accepted customer without a write count or uid, then those are absent', () => {
    expect(scanAcceptedDimensions('<dimension result="1"><code>1</code><touched>x</touched></dimension>', 1)).toEqual([
      { ok: true, code: '1', uid: undefined, status: undefined, touched: undefined },
    ]);
  });

  it.each([
    ['a refused customer', `<dimensions result="0">${accepted('1', 'u', 1)}<dimension result="0"><name msg="Naam is verplicht." msgtype="error"/></dimension></dimensions>`, 2],
    ['another number of customers than sent', `<dimensions>${accepted('1', 'u', 1)}</dimensions>`, 2],
    ['a comment', `<dimensions><!-- note -->${accepted('1', 'u', 1)}</dimensions>`, 1],
    ['CDATA', `<dimension result="1"><code><![CDATA[1]]></code></dimension>`, 1],
    ['a tag left open', `<dimensions>${accepted('1', 'u', 1)}`, 1],
    ['markup inside the code', `<dimension result="1"><code><b>1</b></code></dimension>`, 1],
    ['another root', '<unknown result="0" msg="Onbekend verzoek."/>', 1],
    ['a customer without a result', '<dimension><code>1</code></dimension>', 1],
  ])('given %s, then it leaves the answer to the full parser', (_case, xml, count) => {
    expect(scanAcceptedDimensions(xml, count)).toBeUndefined();
  });
});

import { ended, referenceDGA1, referenceH } from '../../testing/reference-clients';
import { packageView } from '../../package-view';
import { buildDimensionsXml } from './twinfield-dimension';
import { isBudgetMessage, readDimensionAnswers } from './twinfield-response';
import { buildProcessXmlEnvelope, extractProcessXmlResult } from './twinfield-soap';
import { twinfieldXmlParser, unescapeXml } from './twinfield-xml';

describe('Twinfield XML', () => {
  const one = (client = referenceH()) => buildDimensionsXml([{ client, code: '20010' }], 'NLA001');

  describe('buildDimensionsXml', () => {
    it('builds a DEB dimension keyed by office and code, with an invoice address', () => {
      const parsed = twinfieldXmlParser.parse(one());

      expect(parsed.dimensions.dimension).toMatchObject({
        '@_status': 'active',
        office: 'NLA001',
        type: 'DEB',
        code: '20010',
        name: 'De Vries & Van den Berg Holding B.V.',
        shortname: 'VRIBERHOLD',
        addresses: {
          address: {
            '@_id': '1',
            '@_type': 'invoice',
            '@_default': 'true',
            country: 'NL',
            city: 'Utrecht',
            postcode: '3511 ED',
            field2: 'Stationsplein 1',
            field4: 'NL792376092B01',
            field5: '61234567',
          },
        },
        banks: { bank: { '@_id': '1', '@_default': 'true', iban: 'NL35TRIO5326502014', country: 'NL' } },
      });
    });

    it('escapes the ampersand in the name', () => {
      expect(one()).toContain('<name>De Vries &amp; Van den Berg Holding B.V.</name>');
    });

    it('hides the customer for Geen klant meer', () => {
      expect(one(ended(referenceH()))).toMatch(/^<dimensions><dimension status="hide">/);
    });

    it('sends what the client does not have as empty elements, so Twinfield clears it (one left out would keep its value)', () => {
      const xml = one({ ...referenceH(), searchName: undefined, email: undefined, company: undefined });
      expect(xml).toContain('<shortname/>');
      expect(xml).toContain('<email/><field2>Stationsplein 1</field2><field4/><field5/></address>');
      // No bank without an IBAN: an emptied bank line is no bank account.
      expect(xml).not.toContain('<banks>');
    });

    it('keeps the country code and the required name as they are: empty ones are invalid in Twinfield', () => {
      const xml = one({ ...referenceH(), company: { ...referenceH().company!, iban: undefined } });
      expect(xml).toContain('<name>De Vries &amp; Van den Berg Holding B.V.</name><shortname>VRIBERHOLD</shortname>');
      expect(xml).toContain('<country>NL</country>');
      expect(xml).not.toMatch(/<country\/>/);
    });

    it('gives the address and the bank the hub writes id 1, so an update changes them rather than adding others', () => {
      const xml = one();
      expect(xml).toContain('<addresses><address id="1" type="invoice" default="true">');
      expect(xml).toContain('<banks><bank id="1" default="true">');
    });

    it('writes no element the hub does not manage: those stay Twinfield\'s own', () => {
      const parsed = twinfieldXmlParser.parse(one());
      const dimension = parsed.dimensions.dimension;
      expect(Object.keys(dimension).sort()).toEqual(['@_status', 'addresses', 'banks', 'code', 'name', 'office', 'shortname', 'type']);
      expect(Object.keys(dimension.addresses.address).filter((key) => !key.startsWith('@_')).sort()).toEqual(
        ['city', 'country', 'email', 'field2', 'field4', 'field5', 'name', 'postcode'],
      );
      expect(Object.keys(dimension.banks.bank).filter((key) => !key.startsWith('@_')).sort()).toEqual(['ascription', 'country', 'iban']);
    });

    it('writes the same XML for clients whose Twinfield view is the same, so the hub\'s hash of that view still tells unchanged from changed', () => {
      const other = { ...referenceH(), contacts: [], portalUsers: [], company: { ...referenceH().company!, legalForm: 'NV', rsin: '598523534' } };
      expect(packageView('twinfield', other)).toEqual(packageView('twinfield', referenceH()));
      expect(one(other)).toBe(one());
    });

    it('encloses several customers in one <dimensions>, in the order given', () => {
      const xml = buildDimensionsXml(
        [
          { client: referenceH(), code: '20010' },
          { client: referenceDGA1(), code: '20001' },
        ],
        'NLA001',
      );
      const parsed = twinfieldXmlParser.parse(xml);
      expect(parsed.dimensions.dimension.map((dimension: { code: string }) => dimension.code)).toEqual(['20010', '20001']);
    });
  });

  describe('SOAP', () => {
    it('puts token and office in the Twinfield header and the request as an escaped string', () => {
      const envelope = buildProcessXmlEnvelope('tok&en', 'NLA001', '<read><code>1</code></read>');
      expect(envelope).toContain('<Header xmlns="http://www.twinfield.com/"><AccessToken>tok&amp;en</AccessToken><CompanyCode>NLA001</CompanyCode></Header>');
      expect(envelope).toContain('<xmlRequest>&lt;read&gt;&lt;code&gt;1&lt;/code&gt;&lt;/read&gt;</xmlRequest>');
    });

    it('extracts the result string from a ProcessXmlString answer', () => {
      const answer =
        '<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' +
        '<ProcessXmlStringResponse xmlns="http://www.twinfield.com/"><ProcessXmlStringResult>&lt;dimension result="1"&gt;&lt;code&gt;001&lt;/code&gt;&lt;/dimension&gt;</ProcessXmlStringResult></ProcessXmlStringResponse>' +
        '</soap:Body></soap:Envelope>';
      expect(extractProcessXmlResult(answer)).toBe('<dimension result="1"><code>001</code></dimension>');
    });

    it('reads the result under a namespace prefix, or inside CDATA, as well', () => {
      const envelope = (result: string) =>
        '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><t:ProcessXmlStringResponse xmlns:t="http://www.twinfield.com/">' +
        `${result}</t:ProcessXmlStringResponse></s:Body></s:Envelope>`;
      expect(extractProcessXmlResult(envelope('<t:ProcessXmlStringResult>&lt;dimension result=&quot;1&quot;/&gt;</t:ProcessXmlStringResult>'))).toBe(
        '<dimension result="1"/>',
      );
      expect(extractProcessXmlResult(envelope('<t:ProcessXmlStringResult><![CDATA[<dimension result="1"/>]]></t:ProcessXmlStringResult>'))).toBe(
        '<dimension result="1"/>',
      );
    });

    it('unescapes named entities and character references once, leaving a stray ampersand as it is', () => {
      expect(unescapeXml('De Vries &amp;amp; Zn &lt;b&gt; &quot;x&quot; &apos;y&apos; &#233;&#xE9; R&D; & rest')).toBe(
        `De Vries &amp; Zn <b> "x" 'y' éé R&D; & rest`,
      );
      expect(unescapeXml('no entities')).toBe('no entities');
    });

    it('treats an answer without a result as transient', () => {
      expect(() => extractProcessXmlResult('<soap:Envelope><soap:Body/></soap:Envelope>')).toThrow('no ProcessXmlStringResult');
      expect(() => extractProcessXmlResult('not xml <')).toThrow();
    });
  });

  describe('readDimensionAnswers', () => {
    it('reads uid and write count of an accepted dimension', () => {
      expect(
        readDimensionAnswers('<dimension result="1" status="active"><code>20010</code><uid>c5027760-476e</uid><touched>1</touched></dimension>', 1),
      ).toEqual([{ ok: true, uid: 'c5027760-476e', code: '20010', status: 'active', touched: 1 }]);
    });

    it('answers each dimension of a <dimensions> in turn', () => {
      const answers = readDimensionAnswers(
        '<dimensions result="0">' +
          '<dimension result="1"><code>20010</code><uid>u-1</uid><touched>3</touched></dimension>' +
          '<dimension result="0"><name msgtype="error" msg="Naam is verplicht." result="0"/></dimension>' +
          '</dimensions>',
        2,
      );
      expect(answers).toEqual([
        { ok: true, uid: 'u-1', code: '20010', status: undefined, touched: 3 },
        { ok: false, messages: ['Naam is verplicht.'] },
      ]);
    });

    it('finds a refusal given deep in a customer, in its addresses', () => {
      const answers = readDimensionAnswers(
        '<dimensions result="0">' +
          '<dimension result="1"><code>20010</code><addresses><address id="1"><city>Utrecht</city></address></addresses><uid>u-1</uid><touched>1</touched></dimension>' +
          '<dimension result="0"><code>20020</code><addresses><address id="1"><postcode msgtype="error" msg="Postcode is onjuist." result="0">X</postcode></address></addresses></dimension>' +
          '</dimensions>',
        2,
      );
      expect(answers).toEqual([
        { ok: true, uid: 'u-1', code: '20010', status: undefined, touched: 1 },
        { ok: false, messages: ['Postcode is onjuist.'] },
      ]);
    });

    it('gives a refusal of the whole request to every dimension sent', () => {
      const answers = readDimensionAnswers('<dimension result="0" msgtype="error" msg="Debiteur is geblokkeerd."/>', 3);
      expect(answers).toEqual(Array.from({ length: 3 }, () => ({ ok: false, messages: ['Debiteur is geblokkeerd.'], whole: true })));
    });

    it('treats an answer with fewer dimensions than sent as transient', () => {
      expect(() => readDimensionAnswers('<dimensions result="1"><dimension result="1"><uid>u</uid></dimension></dimensions>', 2)).toThrow(
        'Twinfield answered 1 dimensions for the 2 sent',
      );
    });

    it('collects msg attributes of a refused dimension', () => {
      const answers = readDimensionAnswers(
        '<dimension result="0"><code msgtype="error" msg="Code is ongeldig." result="0">2/1</code><name msgtype="error" msg="Naam is verplicht." result="0"/></dimension>',
        1,
      );
      expect(answers).toEqual([{ ok: false, messages: ['Code is ongeldig.', 'Naam is verplicht.'] }]);
    });

    it('collects <msg> elements and ignores warnings', () => {
      const answers = readDimensionAnswers(
        '<dimension result="0"><msg>Budget exceeded</msg><name msgtype="warning" msg="Naam is lang.">x</name></dimension>',
        1,
      );
      expect(answers).toEqual([{ ok: false, messages: ['Budget exceeded'] }]);
    });

    it('says so when Twinfield refuses without a message', () => {
      expect(readDimensionAnswers('<dimension result="0"/>', 1)).toEqual([
        { ok: false, messages: ['Twinfield refused the dimension without a message'] },
      ]);
    });
  });

  it('recognises a budget message as rate limiting', () => {
    expect(isBudgetMessage('API budget exceeded')).toBe(true);
    expect(isBudgetMessage('Naam is verplicht.')).toBe(false);
  });
});

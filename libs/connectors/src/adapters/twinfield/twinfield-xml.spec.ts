import { referenceH, ended } from '../../testing/reference-clients';
import { buildDimensionReadXml, buildDimensionXml } from './twinfield-dimension';
import { isBudgetMessage, readDimensionAnswer } from './twinfield-response';
import { buildProcessXmlEnvelope, extractProcessXmlResult } from './twinfield-soap';
import { twinfieldXmlParser } from './twinfield-xml';

describe('Twinfield XML', () => {
  describe('buildDimensionXml', () => {
    it('builds a DEB dimension keyed by office and code, with an invoice address', () => {
      const parsed = twinfieldXmlParser.parse(buildDimensionXml(referenceH(), 'NLA001', '20010'));

      expect(parsed.dimension).toMatchObject({
        '@_status': 'active',
        office: 'NLA001',
        type: 'DEB',
        code: '20010',
        name: 'De Vries & Van den Berg Holding B.V.',
        shortname: 'VRIBERHOLD',
        addresses: {
          address: {
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
        banks: { bank: { '@_default': 'true', iban: 'NL35TRIO5326502014', country: 'NL' } },
      });
    });

    it('escapes the ampersand in the name', () => {
      expect(buildDimensionXml(referenceH(), 'NLA001', '20010')).toContain('<name>De Vries &amp; Van den Berg Holding B.V.</name>');
    });

    it('hides the customer for Geen klant meer', () => {
      expect(buildDimensionXml(ended(referenceH()), 'NLA001', '20010')).toMatch(/^<dimension status="hide">/);
    });

    it('leaves out what the client does not have', () => {
      const xml = buildDimensionXml({ ...referenceH(), searchName: undefined, email: undefined, company: undefined }, 'NLA001', '20010');
      expect(xml).not.toMatch(/shortname|<email>|<banks>|field4/);
    });
  });

  it('builds a read request', () => {
    expect(buildDimensionReadXml('NLA001', '20010')).toBe(
      '<read><type>dimensions</type><office>NLA001</office><dimtype>DEB</dimtype><code>20010</code></read>',
    );
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

    it('treats an answer without a result as transient', () => {
      expect(() => extractProcessXmlResult('<soap:Envelope><soap:Body/></soap:Envelope>')).toThrow('no ProcessXmlStringResult');
      expect(() => extractProcessXmlResult('not xml <')).toThrow();
    });
  });

  describe('readDimensionAnswer', () => {
    it('reads the uid of an accepted dimension', () => {
      expect(readDimensionAnswer('<dimension result="1" status="active"><code>20010</code><uid>c5027760-476e</uid></dimension>')).toEqual({
        ok: true,
        uid: 'c5027760-476e',
        code: '20010',
        status: 'active',
      });
    });

    it('collects msg attributes of a refused dimension', () => {
      const answer = readDimensionAnswer(
        '<dimension result="0"><code msgtype="error" msg="Code is ongeldig." result="0">2/1</code><name msgtype="error" msg="Naam is verplicht." result="0"/></dimension>',
      );
      expect(answer).toEqual({ ok: false, messages: ['Code is ongeldig.', 'Naam is verplicht.'] });
    });

    it('collects <msg> elements and ignores warnings', () => {
      const answer = readDimensionAnswer(
        '<dimension result="0"><msg>Budget exceeded</msg><name msgtype="warning" msg="Naam is lang.">x</name></dimension>',
      );
      expect(answer).toEqual({ ok: false, messages: ['Budget exceeded'] });
    });

    it('says so when Twinfield refuses without a message', () => {
      expect(readDimensionAnswer('<dimension result="0"/>')).toEqual({ ok: false, messages: ['Twinfield refused the dimension without a message'] });
    });
  });

  it('recognises a budget message as rate limiting', () => {
    expect(isBudgetMessage('API budget exceeded')).toBe(true);
    expect(isBudgetMessage('Naam is verplicht.')).toBe(false);
  });
});

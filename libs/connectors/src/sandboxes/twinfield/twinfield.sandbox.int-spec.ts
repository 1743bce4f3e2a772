import { buildProcessXmlEnvelope, extractProcessXmlResult, PROCESS_XML_SOAP_ACTION } from '../../adapters/twinfield/twinfield-soap';
import { startTwinfieldSandbox, TWINFIELD_SANDBOX_TOKEN, type TwinfieldSandbox } from './twinfield.sandbox';

/** How the sandbox updates a stored customer, as Twinfield's ProcessXml does; raw XML over HTTP. */
describe('Twinfield sandbox: updating a dimension', () => {
  let sandbox: TwinfieldSandbox;

  beforeAll(async () => {
    sandbox = await startTwinfieldSandbox();
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  const send = async (dimensionXml: string): Promise<string> => {
    const answer = await fetch(`${sandbox.url}/webservices/processxml.asmx`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"${PROCESS_XML_SOAP_ACTION}"` },
      body: buildProcessXmlEnvelope(TWINFIELD_SANDBOX_TOKEN, 'NLA001', dimensionXml),
    });
    expect(answer.status).toBe(200);
    return extractProcessXmlResult(await answer.text());
  };
  const dimension = (inner: string) => `<dimension status="active"><office>NLA001</office><type>DEB</type><code>20010</code><name>VB Holding</name>${inner}</dimension>`;
  const stored = () => sandbox.records()[0]!;

  it('given a stored customer, when an update leaves elements out, then they keep their values; elements sent empty are cleared', async () => {
    // Given a customer with a search name, an address and a bank, each with id 1
    await send(
      dimension(
        '<shortname>VBHOLD</shortname>' +
          '<addresses><address id="1" type="invoice" default="true"><city>Utrecht</city><email>info@vb.nl</email><field4>NL1B01</field4></address></addresses>' +
          '<banks><bank id="1" default="true"><iban>NL35TRIO5326502014</iban><country>NL</country></bank></banks>',
      ),
    );

    // When an update leaves the search name, the city and the bank's country out, and sends e-mail, VAT number and IBAN empty
    await send(
      dimension('<addresses><address id="1"><email/><field4/></address></addresses><banks><bank id="1"><iban/></bank></banks>'),
    );

    // Then what was left out is kept, what was sent empty is gone
    expect(stored()).toMatchObject({ shortname: 'VBHOLD', address: { city: 'Utrecht' }, iban: undefined, touched: 2 });
    expect(stored().addresses).toEqual([{ id: '1', type: 'invoice', default: true, fields: { city: 'Utrecht' } }]);
    expect(stored().banks).toEqual([{ id: '1', default: true, fields: { country: 'NL' } }]);

    // And an empty search name clears it too
    await send(dimension('<shortname/>'));
    expect(stored().shortname).toBeUndefined();
    expect(stored().address).toEqual({ city: 'Utrecht' });
  });

  it('given a stored address and bank, when an update sends them without an id, then they are added beside the stored ones', async () => {
    await send(
      dimension(
        '<addresses><address id="1" type="invoice" default="true"><field2>Stationsplein 1</field2></address></addresses>' +
          '<banks><bank id="1" default="true"><iban>NL35TRIO5326502014</iban></bank></banks>',
      ),
    );

    await send(
      dimension(
        '<addresses><address type="invoice" default="true"><field2>Lange Viestraat 2</field2></address></addresses>' +
          '<banks><bank default="true"><iban>NL91ABNA0417164300</iban></bank></banks>',
      ),
    );

    // The new ones take the default; the old ones stay
    expect(stored().addresses).toEqual([
      { id: '1', type: 'invoice', default: false, fields: { field2: 'Stationsplein 1' } },
      { id: '2', type: 'invoice', default: true, fields: { field2: 'Lange Viestraat 2' } },
    ]);
    expect(stored().banks.map((bank) => [bank.id, bank.default, bank.fields['iban']])).toEqual([
      ['1', false, 'NL35TRIO5326502014'],
      ['2', true, 'NL91ABNA0417164300'],
    ]);
    expect(stored()).toMatchObject({ address: { field2: 'Lange Viestraat 2' }, iban: 'NL91ABNA0417164300' });
  });

  it('answers the stored customer with its addresses and banks under their ids', async () => {
    const answer = await send(
      dimension('<addresses><address id="1" type="invoice" default="true"><city>Utrecht</city></address></addresses><banks><bank id="1" default="true"><iban>NL35TRIO5326502014</iban></bank></banks>'),
    );

    expect(answer).toContain('<addresses><address id="1" type="invoice" default="true"><city>Utrecht</city></address></addresses>');
    expect(answer).toContain('<banks><bank id="1" default="true"><iban>NL35TRIO5326502014</iban></bank></banks>');
  });

  it('still refuses a dimension without a name, with result="0" and the message, storing nothing', async () => {
    const answer = await send('<dimension><office>NLA001</office><type>DEB</type><code>20010</code><name/></dimension>');

    expect(answer).toMatch(/result="0"/);
    expect(answer).toContain('Naam is verplicht.');
    expect(sandbox.records()).toEqual([]);
  });
});

import { soapFaultOf } from './twinfield-soap';

const fault = (code: string, message: string) =>
  '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault>' +
  `<faultcode>${code}</faultcode><faultstring>${message}</faultstring></soap:Fault></soap:Body></soap:Envelope>`;

describe('reading a SOAP fault', () => {
  it('given a fault, then its code and its message, unescaped', () => {
    expect(soapFaultOf(fault('soap:Client', 'Access denied: token &lt;expired&gt; &amp; refused'))).toEqual({
      code: 'soap:Client',
      message: 'Access denied: token <expired> & refused',
    });
    expect(soapFaultOf(fault('soap:Server', 'Server was unable to process request.'))?.code).toBe('soap:Server');
  });

  it('given an answer that is no fault (a gateway page, an ordinary result), then none', () => {
    expect(soapFaultOf('<html><body>502 Bad Gateway</body></html>')).toBeUndefined();
    expect(soapFaultOf('<soap:Envelope><soap:Body><ProcessXmlStringResponse/></soap:Body></soap:Envelope>')).toBeUndefined();
  });
});

import { failureMessageOf } from './failure-message';

describe('failureMessageOf', () => {
  it.each([
    ['OData V3 JSON light', { 'odata.error': { code: '', message: { lang: 'en-US', value: 'A' } } }, 'A'],
    ['OData V3 verbose', { error: { code: '', message: { lang: 'en-US', value: 'B' } } }, 'B'],
    ['OAuth2', { error: 'invalid_client', error_description: 'Unknown client.' }, 'invalid_client: Unknown client.'],
    ['message', { message: 'C' }, 'C'],
    ['Message', { Status: 400, Message: 'D' }, 'D'],
    ['errors list', { errors: [{ field: 'x', message: 'E' }, { message: 'F' }] }, 'E; F'],
  ])('reads %s', (_shape, body, expected) => {
    expect(failureMessageOf(JSON.stringify(body), 'fallback')).toBe(expected);
  });

  it('reads a SOAP fault', () => {
    const fault = '<soap:Envelope><soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>Boom</faultstring></soap:Fault></soap:Body></soap:Envelope>';
    expect(failureMessageOf(fault, 'fallback')).toBe('Boom');
  });

  it('keeps plain text, cut to 500 characters', () => {
    expect(failureMessageOf('Bad Gateway', 'fallback')).toBe('Bad Gateway');
    expect(failureMessageOf('x'.repeat(600), 'fallback')).toHaveLength(501);
  });

  it('uses the fallback for an empty body', () => {
    expect(failureMessageOf('', 'HTTP 500')).toBe('HTTP 500');
  });
});

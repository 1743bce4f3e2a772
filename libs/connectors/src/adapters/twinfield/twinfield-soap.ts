import { TransientPushError } from '../../errors/transient-push-error';
import { escapeXml, twinfieldXmlParser, unescapeXml } from './twinfield-xml';

export const TWINFIELD_NAMESPACE = 'http://www.twinfield.com/';
export const PROCESS_XML_SOAP_ACTION = `${TWINFIELD_NAMESPACE}ProcessXmlString`;

/**
 * SOAP 1.1 envelope for ProcessXmlString. The OAuth2 access token and the office (CompanyCode) go
 * in Twinfield's own header; the request XML travels as an escaped string, as the WSDL's xs:string says.
 */
export function buildProcessXmlEnvelope(accessToken: string, office: string, requestXml: string): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">' +
    '<soap:Header>' +
    `<Header xmlns="${TWINFIELD_NAMESPACE}">` +
    `<AccessToken>${escapeXml(accessToken)}</AccessToken>` +
    `<CompanyCode>${escapeXml(office)}</CompanyCode>` +
    '</Header>' +
    '</soap:Header>' +
    '<soap:Body>' +
    `<ProcessXmlString xmlns="${TWINFIELD_NAMESPACE}"><xmlRequest>${escapeXml(requestXml)}</xmlRequest></ProcessXmlString>` +
    '</soap:Body>' +
    '</soap:Envelope>'
  );
}

/** The result element holding one escaped text node, as Twinfield sends it, with any namespace prefix. */
const RESULT_TEXT = /<(?:[\w.-]+:)?ProcessXmlStringResult(?:\s[^>]*)?>([^<]+)<\/(?:[\w.-]+:)?ProcessXmlStringResult>/;

/** The XML string inside ProcessXmlStringResult; a 200 without one is Twinfield misbehaving, so transient. */
export function extractProcessXmlResult(soapXml: string): string {
  // The usual answer is read without parsing the envelope, which cost as much as reading the
  // 25 dimensions inside it; anything else (CDATA, say) goes through the parser.
  const text = RESULT_TEXT.exec(soapXml)?.[1];
  if (text !== undefined) return unescapeXml(text);
  let parsed: unknown;
  try {
    parsed = twinfieldXmlParser.parse(soapXml);
  } catch {
    throw new TransientPushError('Twinfield answered with unreadable XML');
  }
  const result = dig(parsed, ['Envelope', 'Body', 'ProcessXmlStringResponse', 'ProcessXmlStringResult']);
  if (typeof result !== 'string' || result === '') {
    throw new TransientPushError('Twinfield answer has no ProcessXmlStringResult');
  }
  return result;
}

export interface SoapFault {
  /** `soap:Client` (the caller's mistake) or `soap:Server`, with whatever prefix. */
  code: string;
  message: string;
}

/** A SOAP 1.1 fault's code and message, when the text is one. */
export function soapFaultOf(soapXml: string): SoapFault | undefined {
  const code = /<faultcode(?:\s[^>]*)?>([^<]*)<\/faultcode>/.exec(soapXml)?.[1];
  if (code === undefined) return undefined;
  const message = /<faultstring(?:\s[^>]*)?>([^<]*)<\/faultstring>/.exec(soapXml)?.[1] ?? '';
  return { code: code.trim(), message: unescapeXml(message).trim() };
}

/** The caller's own mistake: sending it again changes nothing. */
export const isClientFault = (fault: SoapFault): boolean => /(^|:)Client$/.test(fault.code);

function dig(value: unknown, path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

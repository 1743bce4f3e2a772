import { randomUUID } from 'node:crypto';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { parentElement, textElement, unescapeXml } from '../../adapters/twinfield/twinfield-xml';
import { startSandboxServer, type RunningSandbox, type SandboxOptions } from '../shared/sandbox-server';
import { jsonReply, xmlReply, type SandboxReply, type SandboxRequest } from '../shared/sandbox-http';
import { SandboxTokens } from '../shared/sandbox-tokens';

export interface TwinfieldSandboxOptions extends SandboxOptions {
  /** A fixed AccessToken the sandbox accepts besides the ones it issues. */
  accessToken?: string;
  /** Lifetime of the tokens it issues; short in tests that let one expire by itself. Default 3600. */
  tokenLifetimeSeconds?: number;
}

/** An address or a bank of a dimension: Twinfield tells them apart by their `id` attribute. */
export interface TwinfieldLine {
  id: string;
  /** Addresses only: invoice, postal, contact... */
  type?: string;
  default: boolean;
  /** Element name to text; a field cleared (sent empty) is absent. */
  fields: Record<string, string>;
}

export interface TwinfieldRecord {
  office: string;
  type: 'DEB';
  code: string;
  uid: string;
  name: string;
  shortname?: string;
  status: 'active' | 'hide';
  /** The default address's fields (the first address's when none is default): a shorthand for readers. */
  address: Record<string, string>;
  addresses: TwinfieldLine[];
  /** The default bank's IBAN (the first bank's when none is default). */
  iban?: string;
  banks: TwinfieldLine[];
  /** How many writes this dimension saw: 1 after creation. */
  touched: number;
}

export type TwinfieldSandbox = RunningSandbox<TwinfieldRecord[]> & {
  /** Every token issued so far stops working (same as `POST /__sandbox/expire-tokens`). */
  expireTokens(): void;
  tokensIssued(): number;
};

export const TWINFIELD_SANDBOX_TOKEN = 'twinfield-sandbox-token';
/** The app and the refresh token the sandbox renews access tokens for, at TWINFIELD_SANDBOX_TOKEN_PATH. */
export const TWINFIELD_SANDBOX_OAUTH = { clientId: 'koppelhub-sandbox', clientSecret: 'twinfield-sandbox-secret', refreshToken: 'twinfield-sandbox-refresh' };
export const TWINFIELD_SANDBOX_TOKEN_PATH = '/auth/authentication/connect/token';
const NS = 'http://www.twinfield.com/';
const PROCESS_XML_PATH = '/webservices/processxml.asmx';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  removeNSPrefix: true,
});
/** The envelope with the request left as sent: one escaped string, unescaped once rather than entity by entity. */
const envelopeParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  removeNSPrefix: true,
  stopNodes: ['*.xmlRequest'],
});
const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressBooleanAttributes: false });

type XmlNode = Record<string, unknown>;

/**
 * Twinfield's ProcessXml web service, as far as the connector uses it: read and write customers
 * (dimension DEB) per office, one or several per request (<dimensions>, each answered in turn).
 * Quirks kept: HTTP 200 with result="0" and msg attributes for a refused dimension (missing name,
 * invalid code); one request in flight per office, a second concurrent one gets 429 with Retry-After.
 * An update works as Twinfield's does: an element left out keeps its stored value, one sent empty
 * clears it; addresses and banks are matched by their `id`, and one sent without an id is added.
 */
export async function startTwinfieldSandbox(options: TwinfieldSandboxOptions = {}): Promise<TwinfieldSandbox> {
  const accessToken = options.accessToken ?? TWINFIELD_SANDBOX_TOKEN;
  const tokens = new SandboxTokens(options.tokenLifetimeSeconds ?? 3600);
  const dimensions = new Map<string, TwinfieldRecord>();
  const officesInFlight = new Set<string>();

  const handle = async (
    request: SandboxRequest,
    context: { fault(): Promise<SandboxReply | undefined> },
  ): Promise<SandboxReply> => {
    if (request.path === TWINFIELD_SANDBOX_TOKEN_PATH && request.method === 'POST') return issueToken(request);
    if (request.path !== PROCESS_XML_PATH) return soapFault(404, 'soap:Client', `no service at ${request.path}`);
    if (request.method !== 'POST') return soapFault(405, 'soap:Client', 'POST only');
    const envelope = readEnvelope(request.body);
    // An ASP.NET web service answers every SOAP fault with HTTP 500, as SOAP 1.1 has it, its
    // caller's mistakes too: the fault code tells them apart.
    if (typeof envelope === 'string') return soapFault(500, 'soap:Client', envelope);
    if (envelope.accessToken !== accessToken && !tokens.isValid(envelope.accessToken)) {
      return soapFault(500, 'soap:Client', 'Access denied: invalid AccessToken');
    }

    if (officesInFlight.has(envelope.office)) {
      return soapFault(429, 'soap:Client', `Another request for office ${envelope.office} is still being processed`, {
        'retry-after': '1',
      });
    }
    officesInFlight.add(envelope.office);
    try {
      const faulted = await context.fault();
      if (faulted) return faulted;
      return processXml(envelope.office, envelope.requestXml);
    } finally {
      officesInFlight.delete(envelope.office);
    }
  };

  /** The refresh-token grant, the client in HTTP Basic, as Twinfield's login service takes it. */
  const issueToken = (request: SandboxRequest): SandboxReply => {
    const expected = Buffer.from(`${TWINFIELD_SANDBOX_OAUTH.clientId}:${TWINFIELD_SANDBOX_OAUTH.clientSecret}`).toString('base64');
    if (request.headers.authorization !== `Basic ${expected}`) return jsonReply(401, { error: 'invalid_client' });
    const form = new URLSearchParams(request.body);
    if (form.get('grant_type') !== 'refresh_token') return jsonReply(400, { error: 'unsupported_grant_type' });
    if (form.get('refresh_token') !== TWINFIELD_SANDBOX_OAUTH.refreshToken) return jsonReply(400, { error: 'invalid_grant' });
    const issued = tokens.issue();
    return jsonReply(200, { access_token: issued.token, token_type: 'Bearer', expires_in: issued.expiresInSeconds });
  };

  const processXml = (office: string, requestXml: string): SandboxReply => {
    let parsed: XmlNode;
    try {
      parsed = parser.parse(requestXml) as XmlNode;
    } catch {
      return soapFault(500, 'soap:Client', 'xmlRequest is not well-formed XML');
    }
    const read = asNode(parsed['read']);
    if (read) return result(readDimension(office, read));
    const dimension = asNode(parsed['dimension']);
    if (dimension) return result(writeDimension(office, dimension).xml);
    const enclosing = asNode(parsed['dimensions']);
    if (enclosing) {
      // Several customers in one request: each is written (or refused) on its own, in turn.
      const answers = asNodes(enclosing['dimension']).map((each) => writeDimension(office, each));
      const allWritten = answers.every((answer) => answer.written);
      return result(parentElement('dimensions', answers.map((answer) => answer.xml), { result: allWritten ? '1' : '0' }));
    }
    return result(builder.build({ unknown: { '@_result': '0', '@_msg': 'Onbekend verzoek.', '@_msgtype': 'error' } }));
  };

  const readDimension = (office: string, read: XmlNode): string => {
    const code = text(read['code']);
    const stored = dimensions.get(key(text(read['office']) || office, code));
    if (!stored) {
      return builder.build({
        dimension: {
          '@_result': '0',
          office,
          type: 'DEB',
          code: { '#text': code, '@_msgtype': 'error', '@_msg': 'Object bestaat niet.', '@_result': '0' },
        },
      }) as string;
    }
    return storedXml(stored);
  };

  const writeDimension = (sessionOffice: string, dimension: XmlNode): { written: boolean; xml: string } => {
    const office = text(dimension['office']) || sessionOffice;
    const code = text(dimension['code']);
    const name = text(dimension['name']);
    const errors: Array<[string, string]> = [];
    if (office !== sessionOffice) errors.push(['office', `Administratie ${office} hoort niet bij deze sessie.`]);
    if (text(dimension['type']) !== 'DEB') errors.push(['type', 'Alleen dimensietype DEB is toegestaan.']);
    if (!/^[A-Za-z0-9]{1,16}$/.test(code)) errors.push(['code', 'Code is ongeldig.']);
    if (!name) errors.push(['name', 'Naam is verplicht.']);
    if (errors.length > 0) return { written: false, xml: builder.build({ dimension: refusedNode(dimension, errors) }) as string };

    const previous = dimensions.get(key(office, code));
    const shortname = dimension['shortname'] === undefined ? previous?.shortname : text(dimension['shortname']) || undefined;
    const addresses = mergeLines(previous?.addresses ?? [], asNodes(asNode(dimension['addresses'])?.['address']), true);
    const banks = mergeLines(previous?.banks ?? [], asNodes(asNode(dimension['banks'])?.['bank']), false);
    const record: TwinfieldRecord = {
      office,
      type: 'DEB',
      code,
      uid: previous?.uid ?? randomUUID(),
      name: name ?? '',
      shortname,
      status: dimension['@_status'] === 'hide' ? 'hide' : 'active',
      address: { ...defaultLine(addresses)?.fields },
      addresses,
      iban: defaultLine(banks)?.fields['iban'],
      banks,
      touched: (previous?.touched ?? 0) + 1,
    };
    dimensions.set(key(office, code), record);
    return { written: true, xml: storedXml(record) };
  };

  const faultReplies = {
    status: (status: number) => soapFault(status, status < 500 ? 'soap:Client' : 'soap:Server', `Injected HTTP ${status}`),
    permanent: (message: string) =>
      result(builder.build({ dimension: { '@_result': '0', '@_msgtype': 'error', '@_msg': message } }) as string),
    rateLimited: (seconds: number) =>
      soapFault(429, 'soap:Client', 'API budget exceeded: too many requests', { 'retry-after': String(seconds) }),
  };

  const running = await startSandboxServer(
    {
      name: 'twinfield',
      operationOf: (request) => {
        if (request.path !== PROCESS_XML_PATH) return `${request.method} ${request.path}`;
        return /&lt;read&gt;/.test(request.body) ? 'ProcessXmlString read' : 'ProcessXmlString dimension';
      },
      handle,
      faultReplies,
      records: () => [...dimensions.values()].map((record) => structuredClone(record)),
      reset: () => dimensions.clear(),
      admin: { 'expire-tokens': () => tokens.expireAll() },
    },
    options,
  );
  return { ...running, expireTokens: () => void tokens.expireAll(), tokensIssued: () => tokens.count() };
}

function key(office: string, code: string): string {
  return `${office}|DEB|${code}`;
}

function readEnvelope(body: string): { accessToken: string; office: string; requestXml: string } | string {
  let parsed: XmlNode;
  try {
    parsed = envelopeParser.parse(body) as XmlNode;
  } catch {
    return 'envelope is not well-formed XML';
  }
  const envelope = asNode(parsed['Envelope']);
  const header = asNode(asNode(envelope?.['Header'])?.['Header']);
  const call = asNode(asNode(envelope?.['Body'])?.['ProcessXmlString']);
  if (!header || !call) return 'expected a ProcessXmlString call with a Twinfield Header';
  const requestXml = requestTextOf(text(call['xmlRequest']));
  if (!requestXml) return 'xmlRequest is empty';
  return { accessToken: text(header['AccessToken']), office: text(header['CompanyCode']), requestXml };
}

/** The xmlRequest element's content as sent: escaped text, or a CDATA section. */
function requestTextOf(raw: string): string {
  const content = raw.trim();
  const cdata = /^<!\[CDATA\[([\s\S]*)\]\]>$/.exec(content);
  return cdata ? (cdata[1] ?? '') : unescapeXml(content);
}

/** A stored customer as Twinfield answers it: the dimension echoed with its uid and write count. */
function storedXml(record: TwinfieldRecord): string {
  return parentElement(
    'dimension',
    [
      textElement('office', record.office),
      textElement('type', record.type),
      textElement('code', record.code),
      textElement('name', record.name),
      textElement('shortname', record.shortname),
      record.addresses.length > 0 ? parentElement('addresses', record.addresses.map((line) => lineXml('address', line))) : '',
      record.banks.length > 0 ? parentElement('banks', record.banks.map((line) => lineXml('bank', line))) : '',
      textElement('uid', record.uid),
      textElement('inuse', 'false'),
      textElement('touched', String(record.touched)),
    ],
    { result: '1', status: record.status },
  );
}

function lineXml(element: 'address' | 'bank', line: TwinfieldLine): string {
  return parentElement(
    element,
    Object.entries(line.fields).map(([field, value]) => textElement(field, value)),
    { id: line.id, type: line.type, default: String(line.default) },
  );
}

/**
 * The stored addresses (or banks) updated by those sent, as Twinfield does: matched by `id`; one
 * without an id, or with one not stored yet, is added. Within a matched one an element left out
 * keeps its value and one sent empty clears it. default="true" takes the default from the others.
 */
function mergeLines(stored: readonly TwinfieldLine[], sent: XmlNode[], typed: boolean): TwinfieldLine[] {
  const lines = stored.map((line) => ({ ...line, fields: { ...line.fields } }));
  for (const node of sent) {
    const id = typeof node['@_id'] === 'string' && node['@_id'] !== '' ? node['@_id'] : undefined;
    let line = id === undefined ? undefined : lines.find((each) => each.id === id);
    if (!line) {
      line = { id: id ?? String(Math.max(0, ...lines.map((each) => Number(each.id) || 0)) + 1), default: false, fields: {} };
      lines.push(line);
    }
    if (typed && typeof node['@_type'] === 'string') line.type = node['@_type'];
    if (node['@_default'] === 'true') {
      for (const other of lines) other.default = false;
      line.default = true;
    } else if (node['@_default'] === 'false') {
      line.default = false;
    }
    for (const [field, value] of Object.entries(node)) {
      if (field.startsWith('@_')) continue;
      const sentText = text(value);
      if (sentText === '') delete line.fields[field];
      else line.fields[field] = sentText;
    }
  }
  return lines;
}

function defaultLine(lines: readonly TwinfieldLine[]): TwinfieldLine | undefined {
  return lines.find((line) => line.default) ?? lines[0];
}

/** Echoes the refused dimension the way Twinfield does: result="0" on the root, msg on each offending element. */
function refusedNode(dimension: XmlNode, errors: Array<[string, string]>): XmlNode {
  const echoed: XmlNode = { ...dimension, '@_result': '0' };
  for (const [field, message] of errors) {
    echoed[field] = { '#text': text(dimension[field]), '@_msgtype': 'error', '@_msg': message, '@_result': '0' };
  }
  return echoed;
}

function result(resultXml: string): SandboxReply {
  return xmlReply(
    200,
    '<?xml version="1.0" encoding="utf-8"?>' +
      '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' +
      `<ProcessXmlStringResponse xmlns="${NS}"><ProcessXmlStringResult>${escape(resultXml)}</ProcessXmlStringResult></ProcessXmlStringResponse>` +
      '</soap:Body></soap:Envelope>',
  );
}

function soapFault(status: number, code: string, message: string, headers: Record<string, string> = {}): SandboxReply {
  return xmlReply(
    status,
    '<?xml version="1.0" encoding="utf-8"?>' +
      '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault>' +
      `<faultcode>${code}</faultcode><faultstring>${escape(message)}</faultstring>` +
      '</soap:Fault></soap:Body></soap:Envelope>',
    headers,
  );
}

function escape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function asNodes(value: unknown): XmlNode[] {
  return (Array.isArray(value) ? value : [value]).map(asNode).filter((node): node is XmlNode => node !== undefined);
}

function asNode(value: unknown): XmlNode | undefined {
  if (Array.isArray(value)) return asNode(value[0]);
  return typeof value === 'object' && value !== null ? (value as XmlNode) : undefined;
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  const node = asNode(value);
  const inner = node?.['#text'];
  return typeof inner === 'string' ? inner : '';
}

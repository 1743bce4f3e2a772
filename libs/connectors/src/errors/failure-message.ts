const MAX_MESSAGE_LENGTH = 500;

/**
 * Finds the human message in an error body of the shapes our packages use: OData V3 JSON
 * (`odata.error` / `error` with `message.value`), `{ message }`, `{ Message }`, `{ error: string,
 * error_description }`, `{ errors: [{ message }] }`, a SOAP fault `faultstring`; else the raw text, cut short.
 */
export function failureMessageOf(body: string, fallback: string): string {
  const trimmed = body.trim();
  if (trimmed === '') return fallback;
  const fromJson = messageFromJson(trimmed);
  if (fromJson) return cut(fromJson);
  const fault = /<(?:\w+:)?faultstring[^>]*>([\s\S]*?)<\/(?:\w+:)?faultstring>/.exec(trimmed);
  if (fault?.[1]) return cut(fault[1].trim());
  return cut(trimmed);
}

function messageFromJson(text: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(parsed)) return undefined;
  const odata = parsed['odata.error'] ?? parsed['error'];
  if (isRecord(odata)) {
    const message = odata['message'];
    if (isRecord(message) && typeof message['value'] === 'string') return message['value'];
    if (typeof message === 'string') return message;
  }
  if (typeof parsed['error'] === 'string') {
    const description = parsed['error_description'];
    return typeof description === 'string' ? `${parsed['error']}: ${description}` : parsed['error'];
  }
  for (const key of ['message', 'Message', 'detail', 'title']) {
    if (typeof parsed[key] === 'string') return parsed[key] as string;
  }
  const errors = parsed['errors'] ?? parsed['Errors'];
  if (Array.isArray(errors)) {
    const messages = errors
      .map((entry) => (isRecord(entry) ? (entry['message'] ?? entry['Message']) : entry))
      .filter((entry): entry is string => typeof entry === 'string');
    if (messages.length > 0) return messages.join('; ');
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function cut(text: string): string {
  return text.length > MAX_MESSAGE_LENGTH ? `${text.slice(0, MAX_MESSAGE_LENGTH)}…` : text;
}

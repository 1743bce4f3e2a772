/** A fault a test or demo asks a sandbox to play, over `POST /__sandbox/faults`. `count` answers are affected (default 1). */
export type Fault =
  | { kind: 'status'; status: number; count?: number }
  | { kind: 'rate-limit'; retryAfterSeconds: number; count?: number }
  | { kind: 'delay'; ms: number; count?: number }
  | { kind: 'permanent'; message: string; count?: number };

/** Checks an untrusted JSON body; returns the fault or a reason it is not one. */
export function parseFault(input: unknown): Fault | string {
  if (typeof input !== 'object' || input === null) return 'fault must be a JSON object';
  const record = input as Record<string, unknown>;
  const count = record['count'] ?? 1;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) return 'count must be a positive integer';
  switch (record['kind']) {
    case 'status': {
      const status = record['status'];
      if (typeof status !== 'number' || status < 400 || status > 599) return 'status must be 400..599';
      return { kind: 'status', status, count };
    }
    case 'rate-limit': {
      const retryAfterSeconds = record['retryAfterSeconds'] ?? 1;
      if (typeof retryAfterSeconds !== 'number' || retryAfterSeconds < 0) return 'retryAfterSeconds must be >= 0';
      return { kind: 'rate-limit', retryAfterSeconds, count };
    }
    case 'delay': {
      const ms = record['ms'];
      if (typeof ms !== 'number' || ms < 0) return 'ms must be >= 0';
      return { kind: 'delay', ms, count };
    }
    case 'permanent': {
      const message = record['message'] ?? 'Validation failed (injected)';
      if (typeof message !== 'string') return 'message must be a string';
      return { kind: 'permanent', message, count };
    }
    default:
      return 'kind must be one of status, rate-limit, delay, permanent';
  }
}

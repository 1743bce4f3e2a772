import type { AppendResult } from '@koppelhub/eventstore';

export interface CommandResult {
  /** The client the command was about (for a registration: the new client's id). */
  clientId: string;
  /** Global position of the last event written, or 0 when the command changed nothing. */
  position: number;
  changed: boolean;
}

export function commandResult(clientId: string, result: AppendResult): CommandResult {
  const last = result.events[result.events.length - 1];
  return { clientId, position: last?.position ?? 0, changed: result.events.length > 0 && !result.alreadyAppended };
}

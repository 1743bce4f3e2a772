import type { LogLevel } from '@nestjs/common';
import type { Settings } from './settings';

/** Nest's log levels in their order of importance; `fatal` and `error` are never held back. */
const BY_IMPORTANCE: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
const LAST_SHOWN: Record<Settings['LOG_LEVEL'], LogLevel> = { error: 'error', warn: 'warn', info: 'log', debug: 'verbose' };

/** The levels Nest's logger prints for a `LOG_LEVEL`: that one and everything more important. */
export function logLevelsFor(level: Settings['LOG_LEVEL']): LogLevel[] {
  return BY_IMPORTANCE.slice(0, BY_IMPORTANCE.indexOf(LAST_SHOWN[level]) + 1);
}

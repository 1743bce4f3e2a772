import { logLevelsFor } from './log-levels';
import { loadSettings } from './settings';

describe('LOG_LEVEL', () => {
  it.each([
    ['error', ['fatal', 'error']],
    ['warn', ['fatal', 'error', 'warn']],
    ['info', ['fatal', 'error', 'warn', 'log']],
    ['debug', ['fatal', 'error', 'warn', 'log', 'debug', 'verbose']],
  ] as const)('given LOG_LEVEL=%s, then the logger prints %j', (level, levels) => {
    expect(logLevelsFor(loadSettings({ LOG_LEVEL: level }).LOG_LEVEL)).toEqual(levels);
  });

  it('given no LOG_LEVEL, then the informational lines are printed', () => {
    expect(logLevelsFor(loadSettings({}).LOG_LEVEL)).toContain('log');
  });
});

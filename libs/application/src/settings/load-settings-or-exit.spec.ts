import { loadSettingsOrExit } from './settings';

describe('loading the settings at a process entry point', () => {
  it('given valid settings, returns them', () => {
    const logged: string[] = [];
    expect(loadSettingsOrExit({ error: (m) => logged.push(m) }, { PORT: '4000' }).PORT).toBe(4000);
    expect(logged).toEqual([]);
  });

  it('given a wrong value, logs the problem naming it and exits with 1', () => {
    const exit = jest.spyOn(process, 'exit').mockImplementation(((code?: number) => {
      throw new Error(`exit ${code}`);
    }) as typeof process.exit);
    const logged: string[] = [];
    try {
      expect(() => loadSettingsOrExit({ error: (m) => logged.push(m) }, { PORT: 'eighty' })).toThrow('exit 1');
      expect(logged.join('\n')).toContain('PORT must be a whole number');
    } finally {
      exit.mockRestore();
    }
  });
});

import { InvalidSettings, loadSettings } from './settings';

describe('the worker metrics port', () => {
  it('given no METRICS_PORT, then there is no metrics listener', () => {
    expect(loadSettings({}).METRICS_PORT).toBeUndefined();
    expect(loadSettings({ METRICS_PORT: '' }).METRICS_PORT).toBeUndefined();
  });

  it('given a port, then it is used as a number', () => {
    expect(loadSettings({ METRICS_PORT: '9464' }).METRICS_PORT).toBe(9464);
    expect(loadSettings({ METRICS_PORT: '0' }).METRICS_PORT).toBe(0);
  });

  it.each([
    ['nine', 'METRICS_PORT must be a whole number'],
    ['70000', 'METRICS_PORT must be between 0 and 65535'],
    ['-1', 'METRICS_PORT must be between 0 and 65535'],
  ])('given METRICS_PORT=%s, then the start is refused naming it', (value, message) => {
    expect(() => loadSettings({ METRICS_PORT: value })).toThrow(InvalidSettings);
    expect(() => loadSettings({ METRICS_PORT: value })).toThrow(message);
  });
});

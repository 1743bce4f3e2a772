import type { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { KurrentDbEventStore } from './kurrentdb-event-store';
import { assertSupportedServer, parseServerVersion, UnsupportedKurrentDbServer } from './server-version';

describe('the KurrentDB server version check', () => {
  it('reads major and minor from what the server reports', () => {
    expect(parseServerVersion('25.1.0.2371')).toEqual({ major: 25, minor: 1, text: '25.1.0.2371' });
    expect(parseServerVersion('v26.0.1')).toMatchObject({ major: 26, minor: 0 });
    expect(parseServerVersion('unknown')).toBeUndefined();
  });

  it.each(['25.1.0', '25.1.0.2371', '25.2.0', '26.0.0', '100.0.0'])('accepts %s', (version) => {
    expect(() => assertSupportedServer(version)).not.toThrow();
  });

  it.each(['25.0.1', '24.10.0', '23.10.1', '5.0.11', 'unknown', ''])('refuses %s', (version) => {
    expect(() => assertSupportedServer(version)).toThrow(UnsupportedKurrentDbServer);
  });

  it('says why: multi-stream append, no fallback', () => {
    expect(() => assertSupportedServer('24.10.0')).toThrow(
      /KurrentDB 25\.1 or later is required \(the server reports version 24\.10\.0\): multi-stream append/,
    );
    expect(() => assertSupportedServer('unknown')).toThrow(/the server reports no version/);
  });

  describe('at open', () => {
    const clientReporting = (serverVersion: string) =>
      // Only the protected `capabilities` getter is read at open; the rest of the client is not touched.
      ({ capabilities: Promise.resolve({ serverVersion, supports: () => true }) }) as unknown as KurrentDBClient;

    it('refuses an older server before anything is written', async () => {
      await expect(KurrentDbEventStore.open(clientReporting('24.10.0'))).rejects.toBeInstanceOf(
        UnsupportedKurrentDbServer,
      );
    });

    it('opens on 25.1 and remembers the version', async () => {
      const store = await KurrentDbEventStore.open(clientReporting('25.1.0.2371'));
      expect(store.serverVersion).toMatchObject({ major: 25, minor: 1 });
      await store.close();
    });
  });
});

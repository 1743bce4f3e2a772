import { startAllSandboxes } from './start-all-sandboxes';
import { PACKAGE_NAMES } from '../model/package-name';

describe('startAllSandboxes', () => {
  it('starts one sandbox per package, each answering its records, and closes them all', async () => {
    const sandboxes = await startAllSandboxes();
    try {
      expect(Object.keys(sandboxes.urls).sort()).toEqual([...PACKAGE_NAMES].sort());
      expect(new Set(Object.values(sandboxes.urls)).size).toBe(5);
      for (const url of Object.values(sandboxes.urls)) {
        expect((await fetch(`${url}/__sandbox/records`)).status).toBe(200);
      }
    } finally {
      await sandboxes.close();
    }
    await expect(fetch(`${sandboxes.urls.pinkweb}/__sandbox/records`)).rejects.toThrow();
  });
});

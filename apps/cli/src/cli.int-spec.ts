import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import {
  DesignateClusterHeadCommand,
  HubApplicationModule,
  HubRuntime,
  loadSettings,
  newCommandMetadata,
  RegisterClientCommand,
} from '@koppelhub/application';

const root = join(__dirname, '..', '..', '..');

function cli(dataDir: string, ...args: string[]) {
  return spawnSync(
    process.execPath,
    ['-r', join(root, 'node_modules/@swc-node/register'), '-r', join(root, 'node_modules/tsconfig-paths/register'), join(root, 'apps/cli/src/main.ts'), ...args],
    { env: { PATH: process.env.PATH ?? '', TS_NODE_PROJECT: join(root, 'tsconfig.json'), DATA_DIR: dataDir }, encoding: 'utf8', timeout: 60_000 },
  );
}

describe('the cli on an embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'koppelhub-cli-'));
  let clientId: string;

  beforeAll(async () => {
    // Given a client registered and made a cluster head by two people
    const runtime = await HubRuntime.start(loadSettings({ DATA_DIR: dataDir }), { projections: true });
    const app = await NestFactory.createApplicationContext(HubApplicationModule.forRuntime(runtime), { logger: false });
    const bus = app.get(CommandBus);
    const registered = await bus.execute(
      new RegisterClientCommand(
        {
          kind: 'company',
          clientNumber: '20010',
          details: {
            searchName: 'VRIBERHOLD',
            company: { statutoryName: 'De Vries & Van den Berg Holding B.V.' },
            address: { street: 'Stationsplein', houseNumber: '1', postcode: '3511 ED', city: 'Utrecht', country: 'NL' },
            packages: [],
          },
        },
        newCommandMetadata('r.jansen'),
      ),
    );
    clientId = registered.clientId;
    const designated = await bus.execute(new DesignateClusterHeadCommand(clientId, newCommandMetadata('k.smit')));
    await runtime.readModelsAt(designated.position);
    await app.close();
    await runtime.stop();
  }, 60_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('replays a client step by step with who did what and the state it led to', () => {
    const result = cli(dataDir, 'replay', clientId);
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^#1 @\d+ \S+ ClientRegistered by r\.jansen -> status Prospect, cluster none$/);
    expect(lines[1]).toMatch(/^#2 @\d+ \S+ ClusterHeadDesignated by k\.smit -> status Prospect, cluster head$/);
  }, 60_000);

  it('rebuilds every read model and reports no lag afterwards', () => {
    const rebuilt = cli(dataDir, 'rebuild');
    expect(rebuilt.status).toBe(0);
    expect(rebuilt.stdout).toMatch(/rebuilt client-search in \d+ ms/);
    const lag = cli(dataDir, 'lag');
    expect(lag.stdout).toMatch(/projection-client-search: at \d+, 0 behind/);
    expect(lag.stdout).toMatch(/projection-cluster-membership: at \d+, 0 behind/);
  }, 60_000);

  it.each([
    [['rebuild', 'no-such-model'], /unknown projection "no-such-model"; known: client-search/],
    [['replay', '00000000-0000-4000-8000-000000000000'], /client 00000000-0000-4000-8000-000000000000 has no history/],
  ])('given %j, then it says what is wrong and exits 1', (args, message) => {
    const result = cli(dataDir, ...args);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(message);
  }, 60_000);

  it('verifies the hash chains and records an anchor', () => {
    const result = cli(dataDir, 'verify', '--anchor');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/anchor 1 up to \d+: [0-9a-f]{64}/);
    expect(result.stdout).toContain('chains ok');
    expect(result.stdout).toMatch(/anchor 1 up to \d+: ok/);
  }, 60_000);

  it('given an anchor the log no longer matches, when verifying, then it names the mismatch and exits 2', async () => {
    // Given the digest of the anchor recorded above overwritten, as by someone covering tracks
    const runtime = await HubRuntime.start(loadSettings({ DATA_DIR: dataDir }), { projections: false });
    await runtime.database.pool.query(`update es_anchors set digest = decode(repeat('00', 32), 'hex')`);
    await runtime.stop();

    const result = cli(dataDir, 'verify');
    expect(result.stdout).toContain('chains ok');
    expect(result.stdout).toMatch(/anchor 1 up to \d+: MISMATCH/);
    expect(result.status).toBe(2);
  }, 60_000);

  it('given an anchor the log no longer matches, when verifying with --anchor, then no new anchor seals it', () => {
    const result = cli(dataDir, 'verify', '--anchor');
    expect(result.stdout).toContain('no anchor recorded: the log does not verify');
    expect(result.stdout).not.toMatch(/anchor 2 up to/);
    expect(result.status).toBe(2);
  }, 60_000);
});

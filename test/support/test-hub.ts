import type { INestApplication } from '@nestjs/common';
import { ApiKeyStore, apiKeyPrincipalId, type Clock, HubRuntime, loadSettings } from '@koppelhub/application';
import type { Role } from '@koppelhub/domain';
import { createApi } from '../../apps/api/src/create-api';
import { randomUUID } from 'node:crypto';
import { dropTestSchema } from '../../libs/eventstore/src/testing/test-database';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { TEST_PERSONAL_DATA_KEY } from './personal-data-key';

/** Requests sent with one principal's API key. */
export interface HttpAgent {
  /** The principal's id, as events record it (`key:<name>`). */
  principal: string;
  get(url: string): request.Test;
  post(url: string): request.Test;
  put(url: string): request.Test;
  patch(url: string): request.Test;
  delete(url: string): request.Test;
}

export interface TestHub {
  runtime: HubRuntime;
  app: INestApplication;
  /** Acts as the suite's admin (`key:e2e-admin`). */
  http: HttpAgent;
  /** Sends no credentials at all. */
  anonymous: TestAgent;
  /** An agent for a principal named `name` holding `roles` (its API key is made on first use). */
  as(name: string, ...roles: Role[]): Promise<HttpAgent>;
  /** An agent holding just `role`, named after it. */
  agentFor(role: Role): Promise<HttpAgent>;
  /** Waits until the read models have handled everything written so far. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The whole API over a real database: a schema of its own on the PostgreSQL server
 * (`DATABASE_URL`), or an in-memory PGlite. Dropped again by `stop()`.
 */
export async function startTestHub(
  kind: 'postgres' | 'pglite',
  overrides: NodeJS.ProcessEnv = {},
  /** `schema`: use this existing one and leave it in place (a scratch database shared with a spawned worker). */
  options: { schema?: string; clock?: Clock } = {},
): Promise<TestHub> {
  const schema = options.schema ?? `e2e_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const settings = loadSettings(
    kind === 'postgres'
      ? { DATABASE_URL: process.env.DATABASE_URL, PERSONAL_DATA_KEY: TEST_PERSONAL_DATA_KEY, ...overrides }
      : { DATA_DIR: 'memory', ...overrides },
  );
  const runtime = await HubRuntime.start(settings, { projections: true, schema, ...(options.clock ? { clock: options.clock } : {}) });
  const app = await createApi(runtime, { logger: process.env.HUB_TEST_LOGS ? undefined : false });
  await app.init();
  const keys = new ApiKeyStore(runtime.database.pool);
  const server = app.getHttpServer();
  const agents = new Map<string, Promise<HttpAgent>>();
  const as = (name: string, ...roles: Role[]): Promise<HttpAgent> => {
    const existing = agents.get(name);
    if (existing) return existing;
    const agent = keys.create(name, roles, 'test-hub').then(({ key }) => agentWithKey(server, apiKeyPrincipalId(name), key));
    agents.set(name, agent);
    return agent;
  };
  return {
    runtime,
    app,
    http: await as('e2e-admin', 'admin'),
    anonymous: request(server),
    as,
    agentFor: (role) => as(role, role),
    settle: async () => runtime.readModelsAt(await runtime.store.headPosition(), 15_000),
    async stop() {
      await app.close();
      await runtime.stop();
      if (kind === 'postgres' && !options.schema) {
        await dropTestSchema(schema);
      }
    },
  };
}

function agentWithKey(server: Parameters<typeof request>[0], principal: string, key: string): HttpAgent {
  const agent = request(server);
  return {
    principal,
    get: (url) => agent.get(url).set('X-API-Key', key),
    post: (url) => agent.post(url).set('X-API-Key', key),
    put: (url) => agent.put(url).set('X-API-Key', key),
    patch: (url) => agent.patch(url).set('X-API-Key', key),
    delete: (url) => agent.delete(url).set('X-API-Key', key),
  };
}

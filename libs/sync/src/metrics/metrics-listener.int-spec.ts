import { Counter, Registry } from 'prom-client';
import { type MetricsListener, startMetricsListener } from './metrics-listener';

describe('the metrics listener (plain HTTP on its own port)', () => {
  const registry = new Registry();
  let listener: MetricsListener;

  beforeAll(async () => {
    new Counter({ name: 'koppelhub_test_total', help: 'a counter', registers: [registry] }).inc(3);
    listener = await startMetricsListener(registry, 0, '127.0.0.1');
  });
  afterAll(async () => {
    await listener.close();
  });

  it('serves the registry in the text exposition format on GET /metrics', async () => {
    const response = await fetch(`http://127.0.0.1:${listener.port}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(registry.contentType);
    expect(await response.text()).toContain('koppelhub_test_total 3');
  });

  it('answers 404 anywhere else', async () => {
    expect((await fetch(`http://127.0.0.1:${listener.port}/`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${listener.port}/metrics`, { method: 'POST' })).status).toBe(404);
  });
});

import type { Browser, Page } from 'playwright-core';
import { renderDot } from './dot/render-dot';
import { closeSvgRenderer, renderSvg } from './svg/render-svg';
import { launchChromium } from './testing/chromium';
import { describeInChromium } from './testing/describe-in-chromium';
import { REFERENCE_CLIENT_NAMES, buildReferenceCluster } from './testing/reference-cluster';

/**
 * The SVG as a person sees it: drawn by a real headless Chromium (Debian's /usr/bin/chromium).
 * Skipped with a warning where there is none, except in CI (CHROMIUM_REQUIRED=1), which fails.
 */
describeInChromium('organogram in a browser', () => {
  const model = buildReferenceCluster();
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const svg = await renderSvg(renderDot(model));
    await page.setContent(`<!doctype html><html><body>${svg}</body></html>`);
  });

  afterAll(async () => {
    await browser?.close();
    await closeSvgRenderer();
  });

  it('shows all seven clients', async () => {
    // textContent, not innerText: SVG elements have no innerText; it is the rendered, entity-decoded text.
    const texts = await page.locator('g.node.client text').allTextContents();
    for (const name of REFERENCE_CLIENT_NAMES) expect(texts).toContain(name);
    await expect(page.locator('g.node.client').count()).resolves.toBe(7);
  });

  it('shows all ten contacts, counted as nodes', async () => {
    const contacts = page.locator('g.node.contact');
    await expect(contacts.count()).resolves.toBe(10);
    const names = await contacts.evaluateAll((nodes) => nodes.map((n) => n.querySelector('text[font-weight="bold"]')?.textContent ?? ''));
    expect(names.sort()).toEqual(model.contacts.map((c) => c.name).sort());
  });

  it('draws the names as visible text inside the page', async () => {
    const head = page.locator('g#client-H text', { hasText: 'De Vries & Van den Berg Holding B.V.' });
    await expect(head.count()).resolves.toBe(1);
    const box = await head.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(100);
    const pageText = await page.locator('svg').evaluate((svg) => svg.textContent ?? '');
    for (const contact of model.contacts) expect(pageText).toContain(contact.name);
  });
});


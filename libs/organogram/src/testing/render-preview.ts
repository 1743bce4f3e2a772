/**
 * Renders the reference and the 30-client cluster to .dot, .mmd, .svg and a .png screenshot (headless
 * Chromium), to look at the layout by eye:
 *   node -r @swc-node/register libs/organogram/src/testing/render-preview.ts /tmp/organogram
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeSvgRenderer, renderOrganogram } from '../index';
import { launchChromium } from './chromium';
import { buildLargeCluster } from './large-cluster';
import { buildReferenceCluster } from './reference-cluster';

async function main(outDir: string): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const browser = await launchChromium();
  try {
    for (const [name, model] of [
      ['reference', buildReferenceCluster()],
      ['cluster-30', buildLargeCluster(30)],
    ] as const) {
      const { dot, mermaid, svg } = await renderOrganogram(model);
      writeFileSync(join(outDir, `${name}.dot`), dot);
      writeFileSync(join(outDir, `${name}.mmd`), mermaid);
      writeFileSync(join(outDir, `${name}.svg`), svg);
      const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      await page.setContent(`<!doctype html><html><body style="margin:0">${svg}</body></html>`);
      const box = await page.locator('svg').first().boundingBox();
      await page.screenshot({ path: join(outDir, `${name}.png`), fullPage: true });
      // A 1:1 crop around the cluster head, to judge legibility without the viewer scaling it down.
      const head = await page.locator('g.node.head').first().boundingBox();
      if (head !== null) {
        const clip = { x: Math.max(0, head.x - 500), y: Math.max(0, head.y - 150), width: 1200, height: 800 };
        await page.screenshot({ path: join(outDir, `${name}-detail.png`), clip, fullPage: true });
      }
      await page.close();
      console.log(`${name}: svg ${svg.length} bytes, ${Math.round(box?.width ?? 0)}×${Math.round(box?.height ?? 0)} px`);
    }
  } finally {
    await browser.close();
    await closeSvgRenderer();
  }
}

void main(process.argv[2] ?? '/tmp/organogram');

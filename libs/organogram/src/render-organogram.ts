import { type DotRenderOptions, renderDot } from './dot/render-dot';
import { renderMermaid } from './mermaid/render-mermaid';
import type { OrganogramModel } from './organogram.model';
import { renderSvg } from './svg/render-svg';

export interface RenderedOrganogram {
  /** Mermaid flowchart text, for a `.mmd` file or a Markdown page. */
  mermaid: string;
  /** The Graphviz source the SVG was made from, kept for debugging a layout. */
  dot: string;
  svg: string;
}

/** All three outputs of one model. */
export async function renderOrganogram(model: OrganogramModel, options: DotRenderOptions = {}): Promise<RenderedOrganogram> {
  const dot = renderDot(model, options);
  return { mermaid: renderMermaid(model, options), dot, svg: await renderSvg(dot) };
}

export * from './organogram.model';
export { renderDot, clientNodeId, contactNodeId, type DotRenderOptions } from './dot/render-dot';
export { renderMermaid } from './mermaid/render-mermaid';
export type { LayoutOptions } from './layout/layout-rows';
export { renderSvg, closeSvgRenderer } from './svg/render-svg';
export type { GraphvizEngine } from './svg/graphviz-worker';
export { renderOrganogram, type RenderedOrganogram } from './render-organogram';
export { validateOrganogramModel } from './labels/organogram-index';

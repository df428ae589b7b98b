/**
 * A chart from a Vega-Lite spec to SVG (vega's headless view, no canvas: text is measured by
 * estimate) and to PNG (resvg, a Rust rasteriser shipped as a prebuilt binary inside its npm
 * package, using the system's fonts). Vega and resvg load on first use: commands that draw
 * nothing never pay for them.
 */
import type { TopLevelSpec } from 'vega-lite';

/** Fonts chosen so that the SVG's estimated text widths and the PNG's real ones roughly agree. */
export const CHART_FONT = 'DejaVu Sans, Helvetica, Arial, sans-serif';

export async function chartSvg(spec: TopLevelSpec): Promise<string> {
  const [vega, vl] = await Promise.all([import('vega'), import('vega-lite')]);
  const compiled = vl.compile({ ...spec, config: { font: CHART_FONT, ...(spec as { config?: object }).config } } as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The SVG at twice its size as PNG (sharp on high-density screens and in forum posts). */
export async function svgToPng(svg: string): Promise<Uint8Array> {
  const { Resvg } = await import('@resvg/resvg-js');
  const r = new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, background: 'white', font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } });
  return r.render().asPng();
}

/**
 * A report as one self-contained HTML file: styles inline, charts as inline SVG, no script and no
 * request to anywhere, so it opens the same in any browser, offline, years later.
 */
import type { ReportDocument } from '../content/document.js';
import { escapeHtml, inlineHtml } from './inline.js';

const STYLE = `
body { font-family: 'DejaVu Sans', Helvetica, Arial, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; line-height: 1.45; }
h1 { margin-bottom: 0.2rem; } .subtitle { color: #666; margin-top: 0; }
h2 { border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; margin-top: 2rem; }
table { border-collapse: collapse; margin: 0.8rem 0; font-size: 0.85rem; display: block; overflow-x: auto; }
th, td { border: 1px solid #ddd; padding: 0.25rem 0.5rem; vertical-align: top; }
th { background: #f4f4f4; text-align: left; } td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
figure.chart { margin: 1rem 0; } figure.chart svg { max-width: 100%; height: auto; }
figcaption { color: #555; font-size: 0.85rem; } figcaption strong { color: #222; }
pre { background: #f6f6f6; padding: 0.6rem; overflow-x: auto; } code { font-size: 0.9em; }
`;

export function renderHtml(doc: ReportDocument, svgs: Map<string, string>): string {
  const out: string[] = [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(doc.title)}</title>`,
    `<style>${STYLE}</style></head><body>`,
    `<h1>${escapeHtml(doc.title)}</h1>`,
    `<p class="subtitle">${inlineHtml(doc.subtitle)}</p>`,
  ];
  for (const section of doc.sections) {
    out.push(`<section><h2>${escapeHtml(section.title)}</h2>`);
    for (const b of section.blocks) {
      switch (b.kind) {
        case 'paragraph':
          out.push(`<p>${inlineHtml(b.text)}</p>`);
          break;
        case 'list':
          out.push(`<ul>${b.items.map((i) => `<li>${inlineHtml(i)}</li>`).join('')}</ul>`);
          break;
        case 'table': {
          const cls = (k: number) => (b.numeric?.[k] ? ' class="num"' : '');
          out.push(`<table><thead><tr>${b.head.map((h) => `<th>${inlineHtml(h)}</th>`).join('')}</tr></thead><tbody>`);
          for (const r of b.rows) out.push(`<tr>${r.map((c, k) => `<td${cls(k)}>${inlineHtml(c)}</td>`).join('')}</tr>`);
          out.push('</tbody></table>');
          break;
        }
        case 'chart':
          out.push(
            `<figure class="chart" id="chart-${escapeHtml(b.id)}" data-chart="${escapeHtml(b.id)}">${svgs.get(b.id) ?? ''}<figcaption><strong>${escapeHtml(b.title)}.</strong> ${inlineHtml(b.caption)}</figcaption></figure>`,
          );
          break;
        case 'code':
          out.push(`<pre><code>${escapeHtml(b.text)}</code></pre>`);
          break;
      }
    }
    out.push('</section>');
  }
  out.push('</body></html>', '');
  return out.join('\n');
}

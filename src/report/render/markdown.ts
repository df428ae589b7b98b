/**
 * A report as forum-ready Markdown (GitHub-flavoured: pipe tables), the charts as PNG images
 * beside it (forums take PNG uploads; the SVG is linked for print).
 */
import type { ReportDocument } from '../content/document.js';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMarkdown(doc: ReportDocument, chartDir = 'charts'): string {
  const out: string[] = [`# ${doc.title}`, '', `*${doc.subtitle}*`, ''];
  for (const section of doc.sections) {
    out.push(`## ${section.title}`, '');
    for (const b of section.blocks) {
      switch (b.kind) {
        case 'paragraph':
          out.push(b.text, '');
          break;
        case 'list':
          out.push(...b.items.map((i) => `- ${i}`), '');
          break;
        case 'table':
          out.push(`| ${b.head.map(cell).join(' | ')} |`);
          out.push(`|${b.head.map((_, k) => (b.numeric?.[k] ? ' ---: ' : ' --- ')).join('|')}|`);
          for (const r of b.rows) out.push(`| ${r.map(cell).join(' | ')} |`);
          out.push('');
          break;
        case 'chart':
          out.push(`![${b.title}](${chartDir}/${b.id}.png)`, '', `*${b.title}.* ${b.caption} ([SVG](${chartDir}/${b.id}.svg))`, '');
          break;
        case 'code':
          out.push(`\`\`\`${b.lang ?? 'sh'}`, b.text, '```', '');
          break;
      }
    }
  }
  return out.join('\n');
}

/**
 * A table as GitHub-flavoured Markdown, for the `.md` copies of the terminal tables kept in a
 * results folder: the same cells as the terminal shows, so a reader of the folder sees what the
 * run printed, in a form a forum post or a PR renders.
 */
export type Align = 'left' | 'right';

/** A cell's text with the characters that would break a Markdown table row escaped. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** `head` and every row must have the same length; `align` gives each column's alignment (default left). */
export function markdownTable(head: string[], rows: string[][], align: Align[] = []): string {
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  const rule = head.map((_, i) => (align[i] === 'right' ? '---:' : '---'));
  return [line(head), `| ${rule.join(' | ')} |`, ...rows.map(line)].join('\n') + '\n';
}

/**
 * A report as plain data, before it becomes HTML or Markdown: sections of paragraphs, tables and
 * charts. Both renderers read the same document, so the two formats never say different things.
 */
import type { TopLevelSpec } from 'vega-lite';

export type Block =
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; head: string[]; rows: string[][] /** columns aligned right (numbers) */; numeric?: boolean[] }
  | { kind: 'chart'; id: string; title: string; caption: string; spec: TopLevelSpec }
  | { kind: 'code'; text: string /** language of a Markdown fence (default sh) */; lang?: string };

export interface Section {
  title: string;
  blocks: Block[];
}

export interface ReportDocument {
  title: string;
  /** One line under the title: what was run, with its seed and paths. */
  subtitle: string;
  sections: Section[];
}

/** Every chart of a document, in order. */
export function charts(doc: ReportDocument): Extract<Block, { kind: 'chart' }>[] {
  return doc.sections.flatMap((s) => s.blocks.filter((b): b is Extract<Block, { kind: 'chart' }> => b.kind === 'chart'));
}

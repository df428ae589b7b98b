/**
 * `report`'s output: a folder of its own (by default beside the results folder, `<results>-report`)
 * holding report.html (self-contained), report.md with charts/<id>.svg and .png, and a
 * manifest.json that marks the folder as a report of Aftershock's and names the results it was
 * made from (their digest). It is written whole or not at all, and it replaces only an earlier
 * report folder of Aftershock's (see util/outputFolder.ts): never a results folder, never a
 * folder of someone else's.
 */
import { basename, dirname, join } from 'node:path';
import { writeFolderAtomic } from '../util/atomicWrite.js';
import type { OwnedFolder } from '../util/outputFolder.js';
import { packageVersion } from '../util/version.js';
import { charts, type ReportDocument } from './content/document.js';
import type { Results } from './content/readResults.js';
import { chartSvg, svgToPng } from './render/renderChart.js';
import { renderHtml } from './render/html.js';
import { renderMarkdown } from './render/markdown.js';

export type ReportFormat = 'html' | 'md' | 'both';

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** A report folder: its manifest.json names Aftershock, says `kind: report` and lists the files. */
export const REPORT_FOLDER: OwnedFolder = {
  what: 'an Aftershock report folder',
  marker: 'manifest.json',
  listed: (m) => (isRecord(m) && isRecord(m.aftershock) && m.kind === 'report' && Array.isArray(m.files) && m.files.every((f) => typeof f === 'string') ? (m.files as string[]) : undefined),
};

export function defaultReportDir(resultsDir: string): string {
  return join(dirname(resultsDir), `${basename(resultsDir)}-report`);
}

/** The files of a report of `doc` (charts rendered here), with the manifest. */
export async function reportFiles(doc: ReportDocument, results: Results, format: ReportFormat, command: string[]): Promise<Record<string, string | Uint8Array>> {
  const svgs = new Map<string, string>();
  for (const c of charts(doc)) svgs.set(c.id, await chartSvg(c.spec));
  const files: Record<string, string | Uint8Array> = {};
  if (format !== 'md') files['report.html'] = renderHtml(doc, svgs);
  if (format !== 'html') {
    files['report.md'] = renderMarkdown(doc);
    for (const [id, svg] of svgs) {
      files[`charts/${id}.svg`] = svg;
      files[`charts/${id}.png`] = await svgToPng(svg);
    }
  }
  const manifest = {
    kind: 'report',
    aftershock: { version: packageVersion() },
    command,
    source: { dir: results.dir, kind: results.kind, digest: results.manifest.results?.digest ?? null, reproduce: results.manifest.reproduce ?? null },
    charts: [...svgs.keys()],
    files: Object.keys(files),
  };
  files['manifest.json'] = `${JSON.stringify(manifest, null, 2)}\n`;
  return files;
}

export function writeReportFolder(dir: string, files: Record<string, string | Uint8Array>): void {
  writeFolderAtomic(dir, files, REPORT_FOLDER);
}

/**
 * Opening a report in a real headless Chromium (Debian's chromium-headless-shell): a probe script
 * is put at the top of a copy of the page; it records script errors, failed resource loads and
 * console.error calls, and after load lists each chart with its drawn size and number of marks.
 * Chromium's own console lines on stderr are collected too (the report has no script, so any is
 * a problem). Every call has a time limit: a stuck browser fails the test, never hangs it.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const CANDIDATES = ['/usr/bin/chromium-headless-shell', '/usr/lib/chromium/chromium-headless-shell', '/usr/bin/chromium'];

export function findChromium(): string | undefined {
  return CANDIDATES.find((p) => existsSync(p));
}

export interface ChartProbe {
  id: string;
  width: number;
  height: number;
  marks: number;
}

export interface PageProbe {
  charts: ChartProbe[];
  errors: string[];
  console: string[];
}

const PROBE = `<script>
window.__errors = [];
window.addEventListener('error', (e) => window.__errors.push(e.message || ('failed to load ' + (e.target && (e.target.src || e.target.href)))), true);
const ce = console.error.bind(console);
console.error = (...a) => { window.__errors.push('console.error: ' + a.join(' ')); ce(...a); };
window.addEventListener('load', () => {
  const charts = [...document.querySelectorAll('figure.chart')].map((f) => {
    const svg = f.querySelector('svg');
    const r = svg ? svg.getBoundingClientRect() : { width: 0, height: 0 };
    return { id: f.dataset.chart, width: r.width, height: r.height, marks: svg ? svg.querySelectorAll('path, rect, line, circle, text').length : 0 };
  });
  const pre = document.createElement('pre');
  pre.id = '__probe';
  pre.textContent = JSON.stringify({ charts, errors: window.__errors });
  document.body.appendChild(pre);
});
</script>`;

function run(bin: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    execFile(bin, args, { timeout: 60_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => (err ? fail(new Error(`${bin} failed: ${err.message}\n${stderr}`)) : done({ stdout, stderr })));
  });
}

const BASE = ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--enable-logging=stderr', '--v=0', '--virtual-time-budget=3000'];

/** Opens `html` (a file) with the probe, in a copy written to `scratch`; returns what the probe saw. */
export async function probePage(bin: string, html: string, scratch: string): Promise<PageProbe> {
  const page = readFileSync(html, 'utf8').replace('<head>', `<head>${PROBE}`);
  const copy = join(scratch, 'probed.html');
  writeFileSync(copy, page);
  const { stdout, stderr } = await run(bin, [...BASE, '--dump-dom', `file://${copy}`]);
  const m = /<pre id="__probe">([^<]*)<\/pre>/.exec(stdout);
  if (!m) throw new Error(`the probe did not run; chromium said:\n${stderr.slice(-2000)}`);
  const text = m[1]
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  const probe = JSON.parse(text) as { charts: ChartProbe[]; errors: string[] };
  return { ...probe, console: stderr.split('\n').filter((l) => l.includes(':CONSOLE')) };
}

/** A full-page screenshot of `html` to `png`. */
export async function screenshot(bin: string, html: string, png: string, height = 3000): Promise<void> {
  await run(bin, [...BASE, `--window-size=1100,${height}`, `--screenshot=${png}`, `file://${html}`]);
}

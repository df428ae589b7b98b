/**
 * `aftershock report RESULTS_DIR [--format html|md|both] [--out DIR]`: a stress-test report of a
 * one-path run, a many-path run or a sweep, written to a folder of its own (see report/writeReport.ts).
 */
import { resolve } from 'node:path';
import type { Register } from './program.js';
import { action } from './common.js';
import { InputError } from '../util/errors.js';
import { checkOutputFolder } from '../util/outputFolder.js';
import { readResults } from '../report/content/readResults.js';
import { buildReport } from '../report/content/buildReport.js';
import { REPORT_FOLDER, defaultReportDir, reportFiles, writeReportFolder, type ReportFormat } from '../report/writeReport.js';

const FORMATS = ['html', 'md', 'both'];

export const register: Register = (program) => {
  program
    .command('report')
    .description('write a stress-test report (self-contained HTML, and Markdown with SVG and PNG charts) of a results folder')
    .argument('<results-dir>', 'a results folder written by run (one path or many) or sweep')
    .option('--format <F>', 'html, md or both (default both)')
    .option('--out <DIR>', 'report folder (default: <results-dir>-report beside it)')
    .action(
      action(async (target: string, flags: { format?: string; out?: string }) => {
        const format = (flags.format ?? 'both') as ReportFormat;
        if (!FORMATS.includes(format)) throw new InputError(`expected one of ${FORMATS.join(', ')}, got ${JSON.stringify(flags.format)}`, undefined, undefined, '--format');
        // the folder as the user named it: the report prints it in the commands a reader runs
        const dir = target;
        const out = checkOutputFolder(flags.out ?? defaultReportDir(resolve(dir)), REPORT_FOLDER, '--out');
        if (out === resolve(target)) throw new InputError('the report goes into a folder of its own, not into the results folder', undefined, undefined, '--out');
        const results = readResults(dir);
        const files = await reportFiles(buildReport(results), results, format, ['report', ...process.argv.slice(3)]);
        writeReportFolder(out, files);
        process.stdout.write(`report: ${out}\n`);
      }),
    );
};

/** The report document for a results folder of any kind. */
import type { ReportDocument } from './document.js';
import type { Results } from './readResults.js';
import { runReport } from './runSections.js';
import { pathsReport } from './pathsSections.js';
import { sweepReport } from './sweepSections.js';

export function buildReport(r: Results): ReportDocument {
  switch (r.kind) {
    case 'run':
      return runReport(r);
    case 'paths':
      return pathsReport(r);
    case 'sweep':
      return sweepReport(r);
  }
}

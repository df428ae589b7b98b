import { lineOfField, type LoadedScenario } from '../scenario/load.js';
import { scenarioWarnings } from '../scenario/warnings.js';

/**
 * Prints the likely mistakes in scenarios about to run, each once (a sweep's cells share most of
 * them), on stderr so that `--json` output stays clean: `aftershock: warning: FILE:LINE field: …`.
 */
export function printScenarioWarnings(scenarios: LoadedScenario[]): void {
  const seen = new Set<string>();
  for (const loaded of scenarios) {
    for (const w of scenarioWarnings(loaded.scenario)) {
      const line = lineOfField(loaded, w.field);
      const text = `aftershock: warning: ${loaded.file}${line ? `:${line}` : ''} ${w.field}: ${w.message}\n`;
      if (seen.has(text)) continue;
      seen.add(text);
      process.stderr.write(text);
    }
  }
}

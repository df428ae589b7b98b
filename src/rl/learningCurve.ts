/**
 * The learning curve as CSV (learning-curve.csv in a policy folder): one row per PPO iteration,
 * the columns of trainPpo's rows in their order. Wall-time columns are kept out, so that the file
 * is a function of the command and the seed and two trainings can be compared byte for byte.
 */
import type { LearningCurveRow } from './train.js';

const COLUMNS = ['iteration', 'steps', 'episodes', 'meanReturn', 'meanLength', 'approxKl', 'clipFraction', 'policyLoss', 'valueLoss', 'entropy', 'explainedVariance', 'learningRate'] as const;

const cell = (x: number) => (Number.isFinite(x) ? String(x) : '');

export function learningCurveCsv(rows: readonly LearningCurveRow[]): string {
  const lines = [COLUMNS.join(',')];
  for (const r of rows) lines.push(COLUMNS.map((c) => cell(r[c])).join(','));
  return `${lines.join('\n')}\n`;
}

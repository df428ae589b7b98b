/**
 * Explained variance of the value predictions, 1 − Var(returns − values) / Var(returns), as
 * CleanRL and Stable-Baselines3 report it: 1 means the critic predicts the returns exactly, 0 no
 * better than their mean, negative worse. NaN when the returns do not vary.
 */
export function explainedVariance(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  const n = actual.length;
  let mean = 0;
  let meanDiff = 0;
  for (let i = 0; i < n; i++) {
    mean += actual[i];
    meanDiff += actual[i] - predicted[i];
  }
  mean /= n;
  meanDiff /= n;
  let varActual = 0;
  let varDiff = 0;
  for (let i = 0; i < n; i++) {
    varActual += (actual[i] - mean) ** 2;
    varDiff += (actual[i] - predicted[i] - meanDiff) ** 2;
  }
  return varActual === 0 ? NaN : 1 - varDiff / varActual;
}

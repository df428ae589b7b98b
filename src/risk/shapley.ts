/**
 * Exact Shapley values of a function of n factors, each either at its baseline or at its actual
 * value. The "game" is v(S) = f(factors in S at actual, the others at baseline); the Shapley value
 * of factor i is
 *
 *   φ_i = Σ_{S ⊆ N∖{i}} |S|! (n − |S| − 1)! / n! · (v(S ∪ {i}) − v(S)),
 *
 * (Shapley 1953, "A value for n-person games"; as an attribution method: Lundberg & Lee 2017,
 * "A unified approach to interpreting model predictions", the interventional form with a single
 * baseline). The values satisfy efficiency Σφ_i = v(N) − v(∅), symmetry, dummy and additivity.
 *
 * All 2^n coalitions are evaluated exactly once (memoised by bit mask), so the cost is 2^n calls
 * of f plus O(n·2^n) arithmetic. Meant for a handful of risk factors (n ≤ ~12); n > 20 is refused.
 */

export interface ShapleyResult {
  /** f with every factor at its baseline, v(∅). */
  baseline: number;
  /** f with every factor at its actual value, v(N). */
  actual: number;
  /** φ_i per factor name; sums to actual − baseline up to rounding. */
  contributions: Record<string, number>;
}

export const SHAPLEY_MAX_FACTORS = 20;

/**
 * Shapley values of `value` over `factors`. `value(useActual)` receives, for each factor in the
 * order of `factors`, whether that factor takes its actual (true) or baseline (false) value.
 */
export function shapley(factors: readonly string[], value: (useActual: boolean[]) => number): ShapleyResult {
  const n = factors.length;
  if (new Set(factors).size !== n) throw new Error('shapley: factor names must be distinct');
  if (n > SHAPLEY_MAX_FACTORS) throw new Error(`shapley: at most ${SHAPLEY_MAX_FACTORS} factors (2^n evaluations), got ${n}`);
  const size = 1 << n;
  const v = new Float64Array(size);
  const use = new Array<boolean>(n);
  for (let mask = 0; mask < size; mask++) {
    for (let i = 0; i < n; i++) use[i] = (mask & (1 << i)) !== 0;
    const x = value(use.slice());
    if (!Number.isFinite(x)) throw new Error(`shapley: value is not finite (${x}) for coalition {${factors.filter((_, i) => use[i]).join(', ')}}`);
    v[mask] = x;
  }

  // weight[s] = s!(n−s−1)!/n!, built as a ratio of running products to stay exact-ish and avoid n! overflow
  const weight = new Float64Array(Math.max(n, 1));
  for (let s = 0; s < n; s++) {
    let w = 1 / n; // s!(n−1−s)!/n! = 1 / (n · C(n−1, s))
    for (let k = 1; k <= s; k++) w *= k / (n - k);
    weight[s] = w;
  }
  const popcount = new Uint8Array(size);
  for (let mask = 1; mask < size; mask++) popcount[mask] = popcount[mask >> 1] + (mask & 1);

  const contributions: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const bit = 1 << i;
    let phi = 0;
    for (let mask = 0; mask < size; mask++) {
      if (mask & bit) continue;
      phi += weight[popcount[mask]] * (v[mask | bit] - v[mask]);
    }
    contributions[factors[i]] = phi;
  }
  return { baseline: v[0], actual: v[size - 1], contributions };
}

/**
 * Shapley values for a function of named inputs: each factor is one key, switched between
 * `baseline[key]` and `actual[key]`; keys not in `factors` stay at `actual`.
 */
export function shapleyOfInputs<T extends Record<string, unknown>>(factors: readonly (keyof T & string)[], actual: T, baseline: Partial<T>, f: (inputs: T) => number): ShapleyResult {
  for (const k of factors) {
    if (!(k in baseline)) throw new Error(`shapleyOfInputs: no baseline value for factor '${k}'`);
  }
  return shapley(factors, (use) => {
    const inputs = { ...actual };
    for (let i = 0; i < factors.length; i++) {
      if (!use[i]) (inputs as Record<string, unknown>)[factors[i]] = baseline[factors[i]];
    }
    return f(inputs);
  });
}

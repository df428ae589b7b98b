/**
 * Returns from prices. Percentage units (x100) are the convention of the GARCH literature and of
 * the DEM/GBP benchmark (Bollerslev & Ghysels 1996), and keep GARCH's omega far from underflow.
 */
export type ReturnKind = 'log' | 'pct' | 'raw';

export const RETURN_KINDS: readonly ReturnKind[] = ['log', 'pct', 'raw'];

/**
 * 'log': 100·ln(p_t / p_{t-1}) (n-1 values); 'pct': 100·(p_t / p_{t-1} − 1) (n-1 values);
 * 'raw': the values as they are (n values), for columns that already hold returns.
 */
export function toReturns(values: Float64Array | number[], kind: ReturnKind = 'log'): Float64Array {
  const n = values.length;
  if (kind === 'raw') return Float64Array.from(values);
  if (n < 2) return new Float64Array(0);
  const out = new Float64Array(n - 1);
  if (kind === 'log') {
    for (let i = 1; i < n; i++) out[i - 1] = 100 * Math.log(values[i] / values[i - 1]);
  } else if (kind === 'pct') {
    for (let i = 1; i < n; i++) out[i - 1] = 100 * (values[i] / values[i - 1] - 1);
  } else {
    throw new Error(`unknown return kind ${String(kind)}`);
  }
  return out;
}

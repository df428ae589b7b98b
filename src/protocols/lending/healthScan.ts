/**
 * The per-step health check over every position, the engine's hot loop. It compares
 * collateral · (P_c · LT) with debt · (P_d · index) · level, with the bracketed products
 * precomputed per reserve, so each position costs two multiplications and a comparison, and
 * collects the positions under `watchLevel` (the highest level any borrower cohort acts at, 1
 * when none does) into `out`. Closed positions have zero debt and never qualify.
 */
export function healthScan(
  collateral: Float64Array,
  scaledDebt: Float64Array,
  collateralReserve: Uint8Array,
  debtReserve: Uint8Array,
  /** Per reserve: oracle price × liquidation threshold. */
  collateralWeight: Float64Array,
  /** Per reserve: oracle price × borrow index × watch level. */
  debtWeight: Float64Array,
  out: Int32Array,
): number {
  let n = 0;
  const count = collateral.length;
  for (let i = 0; i < count; i++) {
    if (collateral[i] * collateralWeight[collateralReserve[i]] < scaledDebt[i] * debtWeight[debtReserve[i]]) out[n++] = i;
  }
  return n;
}

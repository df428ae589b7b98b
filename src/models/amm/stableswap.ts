/**
 * Curve StableSwap invariant for n coins, pure math in floating point.
 *
 * Reference: Egorov (2019), "StableSwap — efficient mechanism for Stablecoin liquidity", eq. (3)–(5):
 *
 *     A·nⁿ·Σxᵢ + D = A·D·nⁿ + D^{n+1} / (nⁿ·Πxᵢ)
 *
 * with A the amplification coefficient in the whitepaper's convention (Curve contracts store
 * A·n^{n−1} and call A·nⁿ `Ann`). A → 0 gives the constant-product curve Πxᵢ = (D/n)ⁿ, A → ∞ the
 * constant-sum curve Σxᵢ = D. Balances are in a common unit (already scaled by rates/decimals).
 *
 * D is found by the Newton iteration used in the Curve contracts (`get_D`), started at Σx, which
 * converges monotonically. For the output balance y the invariant is the quadratic
 * y² + (S' + D/Ann − D)·y − D^{n+1}/(nⁿ·P'·Ann) = 0 (S', P' the sum and product of the other
 * balances), whose positive root is taken in closed form with the cancellation-free variant and
 * then polished by one Newton step (the contracts iterate Newton on the same quadratic).
 * The swap fee is charged on the output, as in Curve. Every function is a leaf.
 */

const BPS = 10_000;
const MAX_ITER = 255;

export type Balances = ArrayLike<number>;

function ann(A: number, n: number): number {
  if (!(A > 0) || !Number.isFinite(A)) throw new RangeError(`amplification A must be a positive finite number, got ${A}`);
  return A * n ** n;
}

function feeFactor(feeBps: number): number {
  if (!(feeBps >= 0 && feeBps < BPS)) throw new RangeError(`feeBps must be in [0, 10000), got ${feeBps}`);
  return 1 - feeBps / BPS;
}

/** The invariant D of `balances` under amplification A (Newton, as Curve's get_D). */
export function getD(balances: Balances, A: number): number {
  const n = balances.length;
  if (n < 2) throw new RangeError('stableswap needs at least two coins');
  let S = 0;
  for (let k = 0; k < n; k++) {
    if (!(balances[k] >= 0)) throw new RangeError(`balance ${k} must be non-negative, got ${balances[k]}`);
    S += balances[k];
  }
  if (S === 0) return 0;
  for (let k = 0; k < n; k++) if (balances[k] === 0) throw new RangeError('stableswap: a zero balance with a non-zero pool has no finite invariant');
  const Ann = ann(A, n);
  let D = S;
  for (let it = 0; it < MAX_ITER; it++) {
    // D_P = D^{n+1}/(nⁿ·Πx), accumulated factor by factor to stay in range
    let DP = D;
    for (let k = 0; k < n; k++) DP = (DP * D) / (balances[k] * n);
    const prev = D;
    D = ((Ann * S + n * DP) * D) / ((Ann - 1) * D + (n + 1) * DP);
    if (Math.abs(D - prev) <= 1e-15 * D) return D;
  }
  return D;
}

/**
 * The balance of coin j that keeps the invariant D when coin i's balance is set to `x` and the
 * others are unchanged.
 */
export function getY(i: number, j: number, x: number, balances: Balances, A: number, D = getD(balances, A)): number {
  const n = balances.length;
  if (i === j || i < 0 || j < 0 || i >= n || j >= n) throw new RangeError(`bad coin indices i=${i}, j=${j} for ${n} coins`);
  if (!(x > 0)) throw new RangeError(`new balance must be positive, got ${x}`);
  const Ann = ann(A, n);
  let Sp = 0;
  let c = D;
  for (let k = 0; k < n; k++) {
    if (k === j) continue;
    const xk = k === i ? x : balances[k];
    Sp += xk;
    c = (c * D) / (xk * n);
  }
  c = (c * D) / (n * Ann);
  const b = Sp + D / Ann - D;
  const disc = Math.sqrt(b * b + 4 * c);
  let y = b >= 0 ? (2 * c) / (b + disc) : (-b + disc) / 2;
  y = (y * y + c) / (2 * y + b); // one Newton step on y² + by − c = 0
  return y;
}

/** Output of coin j (after the fee on output) for `dx` of coin i; the gross output and the fee too. */
export function getDyDetailed(i: number, j: number, dx: number, balances: Balances, A: number, feeBps = 4): { dy: number; gross: number; fee: number; y: number } {
  const D = getD(balances, A);
  if (!(dx > 0)) return { dy: 0, gross: 0, fee: 0, y: balances[j] };
  const y = getY(i, j, balances[i] + dx, balances, A, D);
  const gross = Math.max(balances[j] - y, 0);
  const dy = gross * feeFactor(feeBps);
  return { dy, gross, fee: gross - dy, y };
}

/** Output of coin j for `dx` of coin i, fee (on output, default 4 bps as Curve's 3pool) deducted. */
export function getDy(i: number, j: number, dx: number, balances: Balances, A: number, feeBps = 4): number {
  return getDyDetailed(i, j, dx, balances, A, feeBps).dy;
}

/** Input of coin i needed to receive `dy` of coin j after fees; Infinity if the pool cannot pay it. */
export function getDx(i: number, j: number, dy: number, balances: Balances, A: number, feeBps = 4): number {
  if (!(dy > 0)) return 0;
  const gross = dy / feeFactor(feeBps);
  if (gross >= balances[j]) return Infinity;
  const D = getD(balances, A);
  const xi = getY(j, i, balances[j] - gross, balances, A, D);
  return xi - balances[i];
}

/**
 * Fee-free price of coin i in units of coin j on the curve through `balances`: −dx_j/dx_i at fixed D,
 * i.e. (Ann + D_P/x_i)/(Ann + D_P/x_j) with D_P = D^{n+1}/(nⁿ·Πx) (implicit differentiation of the invariant).
 */
export function spotPrice(i: number, j: number, balances: Balances, A: number, D = getD(balances, A)): number {
  const n = balances.length;
  const Ann = ann(A, n);
  let DP = D;
  for (let k = 0; k < n; k++) DP = (DP * D) / (balances[k] * n);
  return (Ann + DP / balances[i]) / (Ann + DP / balances[j]);
}

/**
 * Marginal rate d(dy)/d(dx) after selling `dx` of coin i (fee included): the fee factor times the
 * curve's price at (x_i + dx, y) on the pre-trade invariant; at dx = 0 it is (1 − fee)·spot.
 */
export function marginalRate(i: number, j: number, dx: number, balances: Balances, A: number, feeBps = 4): number {
  const g = feeFactor(feeBps);
  const D = getD(balances, A);
  if (!(dx > 0)) return g * spotPrice(i, j, balances, A, D);
  const y = getY(i, j, balances[i] + dx, balances, A, D);
  const after = Array.from(balances);
  after[i] = balances[i] + dx;
  after[j] = y;
  return g * spotPrice(i, j, after, A, D);
}

/**
 * Input of coin i that brings the marginal rate (fee included) down to `targetRate`; 0 if it is
 * already at or below. The rate falls monotonically with dx (the curve is convex), so bisection.
 */
export function amountInForMarginalRate(targetRate: number, i: number, j: number, balances: Balances, A: number, feeBps = 4, relTol = 1e-12): number {
  if (!(targetRate > 0)) return Infinity;
  if (marginalRate(i, j, 0, balances, A, feeBps) <= targetRate) return 0;
  let lo = 0;
  let hi = Math.max(balances[i], 1e-12);
  for (let k = 0; k < 200 && marginalRate(i, j, hi, balances, A, feeBps) > targetRate; k++) {
    lo = hi;
    hi *= 2;
  }
  while (hi - lo > relTol * hi) {
    const mid = 0.5 * (lo + hi);
    if (marginalRate(i, j, mid, balances, A, feeBps) > targetRate) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** The two sides of the invariant, A·nⁿ·Σx + D and A·D·nⁿ + D^{n+1}/(nⁿ·Πx), at `balances` for a given D. */
export function invariantSides(balances: Balances, A: number, D: number): { lhs: number; rhs: number } {
  const n = balances.length;
  const Ann = ann(A, n);
  let S = 0;
  let DP = D;
  for (let k = 0; k < n; k++) {
    S += balances[k];
    DP = (DP * D) / (balances[k] * n);
  }
  return { lhs: Ann * S + D, rhs: Ann * D + DP };
}

/**
 * |lhs − rhs| / D (0 when the invariant holds exactly). Its floating-point floor is about
 * 1e-16·lhs/D, i.e. ~1e-16·A·nⁿ in a balanced pool and more in a nearly drained one.
 */
export function invariantResidual(balances: Balances, A: number, D: number): number {
  const { lhs, rhs } = invariantSides(balances, A, D);
  return Math.abs(lhs - rhs) / D;
}

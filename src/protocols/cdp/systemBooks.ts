/**
 * Reading a CDP system's books whole: its balance sheet at its oracle prices, for the
 * contagion measures, and the invariants that tie its books to the ledger, for the
 * simulator's `--check-invariants`.
 *
 * The invariants are the conservation laws of dss's Vat and Vow as this model keeps them:
 * per vault type, the totals equal the sums over vaults; the collateral the system holds is
 * what its vaults and running auctions hold; its stablecoin balance is its surplus;
 * supply = Σ vault debt + sin; sin on auction = Σ debt of running auctions ≤ sin; surplus and
 * debt not on auction never coexist (heal); auctions started = finished + running.
 */
import type { LedgerLike } from './context.js';
import type { CdpSystem } from './cdpSystem.js';

/**
 * The system's balance sheet in USD at its oracle prices, the stablecoin counted at `par` USD:
 * assets are what vaults and running auctions can still repay (a vault no more than its
 * collateral is worth, an auction no more than its lot), liabilities the stablecoin outside
 * the system.
 */
export function readBalanceSheet(cdp: CdpSystem, par: number): { assets: number; liabilities: number } {
  const b = cdp.vaults;
  let assets = 0;
  for (let v = 0; v < b.count; v++) {
    const art = b.art[v];
    if (!(art > 0)) continue;
    const ilk = cdp.ilks[b.ilk[v]];
    assets += Math.min(art * ilk.rate * par, b.ink[v] * ilk.price);
  }
  for (const rec of cdp.auctions.values()) assets += cdp.collateralAuctions.recoverableUsd(rec, par);
  return { assets, liabilities: (cdp.supply - cdp.joy) * par };
}

/** Invariant violations of the system's books against the ledger (empty when all hold). */
export function findInvariantViolations(cdp: CdpSystem, ledger: LedgerLike): string[] {
  const problems: string[] = [];
  const { id, ilks, vaults: b, inAuction, vow, totals } = cdp;
  const ink = new Float64Array(ilks.length);
  const art = new Float64Array(ilks.length);
  for (let v = 0; v < b.count; v++) {
    if (b.ink[v] < 0 || b.art[v] < 0) problems.push(`${id}: vault ${v} has ink ${b.ink[v]}, art ${b.art[v]}`);
    ink[b.ilk[v]] += b.ink[v];
    art[b.ilk[v]] += b.art[v];
    if (problems.length > 5) return problems;
  }
  const close = (a: number, c: number, scale = 1) => Math.abs(a - c) <= 1e-9 * Math.max(scale, Math.abs(a), Math.abs(c));
  const heldPerAsset = new Map<number, number>();
  let vaultDebt = 0;
  ilks.forEach((ilk, k) => {
    if (!close(ink[k], ilk.ink)) problems.push(`${id}.${ilk.id}: ink ${ilk.ink} ≠ Σ vaults ${ink[k]}`);
    if (!close(art[k], ilk.Art)) problems.push(`${id}.${ilk.id}: Art ${ilk.Art} ≠ Σ vaults ${art[k]}`);
    if (inAuction[k] < -1e-9 * Math.max(1, ilk.ink)) problems.push(`${id}.${ilk.id}: negative collateral on auction ${inAuction[k]}`);
    heldPerAsset.set(ilk.asset, (heldPerAsset.get(ilk.asset) ?? 0) + ilk.ink + inAuction[k]);
    vaultDebt += ilk.Art * ilk.rate;
  });
  for (const [asset, expected] of heldPerAsset) {
    const held = ledger.balance(cdp.account, asset);
    if (!close(held, expected)) problems.push(`${id}: holds ${held} of asset ${asset}, vaults and auctions ${expected}`);
  }
  const scale = Math.max(1, vow.supply);
  const stableHeld = ledger.balance(cdp.account, cdp.stablecoin);
  if (!close(stableHeld, vow.joy, scale)) problems.push(`${id}: surplus ${vow.joy} ≠ stablecoin held ${stableHeld}`);
  if (!close(vow.supply, vaultDebt + vow.sin, scale)) problems.push(`${id}: stablecoin owed ${vow.supply} ≠ Σ vault debt ${vaultDebt} + system debt ${vow.sin}`);
  let onAuction = 0;
  for (const rec of cdp.auctions.values()) onAuction += rec.debt;
  if (!close(onAuction, vow.sinOnAuction, scale)) problems.push(`${id}: debt on auction ${vow.sinOnAuction} ≠ Σ running auctions ${onAuction}`);
  if (vow.sinOnAuction > vow.sin * (1 + 1e-9) + 1e-9) problems.push(`${id}: debt on auction ${vow.sinOnAuction} exceeds system debt ${vow.sin}`);
  if (Math.min(vow.joy, vow.sin - vow.sinOnAuction) > 1e-9 * scale) problems.push(`${id}: surplus ${vow.joy} and unhealed debt ${vow.sin - vow.sinOnAuction} coexist`);
  const active = ilks.reduce((n, ilk) => n + (ilk.flipper?.count ?? 0) + (ilk.clipper?.count ?? 0), 0);
  if (active !== cdp.auctions.size || totals.auctions + active !== totals.bites) {
    problems.push(`${id}: ${totals.bites} auctions started, ${totals.auctions} finished, ${active} running (${cdp.auctions.size} booked)`);
  }
  return problems;
}

/**
 * A results folder's `start.json`: the world a run starts from, before the first step. Per
 * protocol and per reserve (lending) or vault type (CDP): the collateral and debt in tokens and in
 * USD, and the risk parameters in force (the protocol contract's `parameters`, the same names
 * `configure` takes); then totals. Positions are drawn from distributions, so the scenario file
 * alone does not say how much debt a run started with: this does, and the report and `recommend`
 * read it instead of rebuilding worlds.
 *
 * USD at the reference prices of step 0 (a world is built before any oracle publishes); a CDP
 * system's debt is its stablecoin, valued at par. For many paths and sweeps it is path 0's world
 * at the run's seed (each path draws its own book from the same distributions).
 */
import type { World } from '../sim/world.js';
import { asCdpSystem, asLendingMarket, asOptionVenue } from '../protocols/kinds.js';
import { roundDeep } from '../sim/metrics.js';

export interface ReserveStart {
  asset: string;
  /** Collateral tokens held for positions. */
  collateral: number;
  collateralUsd: number;
  /** Tokens of this asset borrowed. */
  debt: number;
  debtUsd: number;
  /** Tokens lenders supplied. */
  supply: number;
  /** Reference price at step 0, USD. */
  price: number;
  parameters: Record<string, number>;
}

export interface IlkStart {
  ilk: string;
  asset: string;
  /** Collateral tokens locked in vaults (dss ink). */
  collateral: number;
  collateralUsd: number;
  /** Stablecoin owed by the vaults (Σ art × rate). */
  debt: number;
  debtUsd: number;
  vaults: number;
  price: number;
  parameters: Record<string, number>;
}

export interface ProtocolStart {
  kind: string;
  collateralUsd: number;
  debtUsd: number;
  /** Positions (lending) or vaults (CDP) in the book. */
  positions?: number;
  reserves?: ReserveStart[];
  ilks?: IlkStart[];
  /** Option venues: short contracts open, and the margin and liquidation parameters in force. */
  openInterest?: number;
  parameters?: Record<string, number>;
}

export interface StartState {
  /** What the USD figures are priced at. */
  pricedAt: string;
  path: number;
  seed: number;
  protocols: Record<string, ProtocolStart>;
  totals: { collateralUsd: number; debtUsd: number };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** The state of `w` now; call it on a world just built, before its first step. */
export function startState(w: World): StartState {
  const price = (asset: number) => w.basePaths[asset][0];
  const protocols: Record<string, ProtocolStart> = {};
  for (const p of w.protocols) {
    if (p.kind === 'lending') {
      const m = asLendingMarket(p);
      const reserves = m.reserves.map((r): ReserveStart => {
        const debt = r.totalScaledDebt * r.borrowIndex;
        return {
          asset: r.assetId,
          collateral: r.totalCollateral,
          collateralUsd: r.totalCollateral * price(r.asset),
          debt,
          debtUsd: debt * price(r.asset),
          supply: r.supply,
          price: price(r.asset),
          parameters: p.parameters(r.assetId),
        };
      });
      protocols[p.id] = { kind: p.kind, collateralUsd: sum(reserves.map((r) => r.collateralUsd)), debtUsd: sum(reserves.map((r) => r.debtUsd)), positions: m.book.count, reserves };
    } else if (p.kind === 'cdp') {
      const c = asCdpSystem(p);
      const counts = new Map<number, number>();
      for (let v = 0; v < c.vaults.count; v++) counts.set(c.vaults.ilk[v], (counts.get(c.vaults.ilk[v]) ?? 0) + 1);
      const ilks = c.ilks.map((ilk, k): IlkStart => {
        const debt = ilk.Art * ilk.rate;
        return {
          ilk: ilk.id,
          asset: w.assetIds[ilk.asset],
          collateral: ilk.ink,
          collateralUsd: ilk.ink * price(ilk.asset),
          debt,
          debtUsd: debt * c.par,
          vaults: counts.get(k) ?? 0,
          price: price(ilk.asset),
          parameters: p.parameters(ilk.id),
        };
      });
      protocols[p.id] = { kind: p.kind, collateralUsd: sum(ilks.map((i) => i.collateralUsd)), debtUsd: sum(ilks.map((i) => i.debtUsd)), positions: c.vaults.count, ilks };
    } else if (p.kind === 'options') {
      // collateral held, and the sellers' liability: their short contracts at the start's marks
      const v = asOptionVenue(p);
      const acc = v.accounts;
      let shortsUsd = 0;
      for (let a = 0; a < acc.count; a++) {
        for (let l = acc.legStart[a]; l < acc.legStart[a] + acc.legCount[a]; l++) if (acc.legSize[l] < 0) shortsUsd -= acc.legSize[l] * v.marks[acc.legSeries[l]];
      }
      protocols[p.id] = {
        kind: p.kind,
        collateralUsd: v.collateralUsd(),
        debtUsd: shortsUsd,
        positions: v.bookCount,
        openInterest: v.openInterest(),
        parameters: p.parameters(v.params.underlyingId),
      };
    } else {
      // a kind this file does not know yet: its balance sheet at least
      const b = p.balanceSheet();
      protocols[p.id] = { kind: p.kind, collateralUsd: b.assets, debtUsd: b.liabilities };
    }
  }
  const all = Object.values(protocols);
  return roundDeep({
    pricedAt: "reference prices at step 0; a CDP system's debt at its stablecoin's par",
    path: w.path,
    seed: w.seed,
    protocols,
    totals: { collateralUsd: sum(all.map((p) => p.collateralUsd)), debtUsd: sum(all.map((p) => p.debtUsd)) },
  });
}

export function startJson(state: unknown): string {
  return `${JSON.stringify(state, null, 2)}\n`;
}

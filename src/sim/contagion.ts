/**
 * Contagion between protocols, measured during a run: every `contagion.every` seconds (and at
 * the last step) the protocols' exposure network is rebuilt from their balance sheets and
 * holdings, and DebtRank and Eisenberg–Noe clearing are run over it.
 *
 *  - Exposure of X to Y: the tokens X's account holds of assets whose issuer is Y (collateral it
 *    accepts, cash it keeps), valued at par (the asset's reference price at the start): a claim
 *    on Y. It counts the collateral a market holds for its borrowers as the market's own claim
 *    on the issuer, a conservative reading (in fact the borrower's margin absorbs a first loss).
 *  - Equity of X: assets − liabilities + capital (balanceSheets.ts). DebtRank (Battiston et al.
 *    2012) starts from each protocol's relative equity loss since the first measurement,
 *    h_i = min(1, max(0, (E_i(0) − E_i(t)) / E_i(0))) (with E_i(0) ≤ 0: 1 if E_i(t) < 0), and
 *    reports the share of the system's initial equity lost once distress has travelled along
 *    exposures (`systemicLoss`, relative values by initial equity) and the part added by
 *    propagation (`debtRank`).
 *  - Eisenberg–Noe (2001): Y owes X the exposure above; Y owes the rest of its liabilities to an
 *    outside sink; Y's outside assets are its assets plus capital minus its inter-protocol
 *    holdings at market. `defaults` counts protocols paying less than they owe in the clearing
 *    vector, `clearingShortfall` sums what they fail to pay (USD).
 * The worst step is the one with the largest DebtRank systemic loss; among equal ones (a loss of
 * 1 can last), the one with the largest clearing shortfall, then the earliest.
 * With fewer than two protocols there is no network and nothing is measured.
 */
import type { World } from './worldTypes.js';
import type { Scenario } from '../scenario/schema.js';
import { balanceSheets } from './balanceSheets.js';
import { buildExposureNetwork, type Holding } from '../network/exposures.js';
import { debtRankOfNetwork, equityShares } from '../network/debtRank.js';
import { clearingVector } from '../network/eisenbergNoe.js';

export interface ContagionMeasure {
  step: number;
  time: number;
  /** DebtRank systemic loss: share of the system's initial equity lost (0–1). */
  systemicLoss: number;
  /** The same in USD (Σ h_j · max(E_j(0), 0)). */
  systemicLossUsd: number;
  /** DebtRank R: the part of the systemic loss added by propagation. */
  debtRank: number;
  /** Protocols in default in the Eisenberg–Noe clearing vector. */
  defaults: number;
  /** Σ (obligation − clearing payment) over protocols, USD. */
  clearingShortfall: number;
}

/** Whether a run of `scenario` measures contagion: it needs a network, so two protocols or more. */
export function measuresContagion(scenario: Scenario): boolean {
  return scenario.protocols.length >= 2;
}

export class ContagionTracker {
  readonly enabled: boolean;
  private readonly everySteps: number;
  private initialEquity: Float64Array | null = null;
  worst: ContagionMeasure | null = null;
  last: ContagionMeasure | null = null;
  /** This step's measure, null at a step where none is due. */
  current: ContagionMeasure | null = null;

  constructor(private readonly w: World) {
    this.enabled = measuresContagion(w.scenario);
    this.everySteps = Math.max(1, Math.round(w.scenario.contagion.every / w.dt));
  }

  /** Measures at step s when it is due; returns the measure or null. */
  maybeMeasure(s: number): ContagionMeasure | null {
    this.current = !this.enabled || (s % this.everySteps !== 0 && s !== this.w.steps - 1) ? null : this.measure(s);
    return this.current;
  }

  measure(s: number): ContagionMeasure {
    const w = this.w;
    const sheets = balanceSheets(w);
    const n = sheets.length;
    const index = new Map(sheets.map((x, i) => [x.id, i]));
    const issuerOf = new Int32Array(w.assetIds.length).fill(-1);
    w.scenario.assets.forEach((a, i) => {
      if (a.issuer !== undefined) issuerOf[i] = index.get(a.issuer) ?? -1;
    });
    const holdings: Holding[] = [];
    const heldAtMarket = new Float64Array(n);
    sheets.forEach((x, i) => {
      for (let a = 0; a < w.assetIds.length; a++) {
        const y = issuerOf[a];
        if (y < 0 || y === i) continue;
        const tokens = w.ledger.balance(x.account, a);
        if (!(tokens > 0)) continue;
        holdings.push({ holder: x.id, issuer: sheets[y].id, value: tokens * w.basePaths[a][0] });
        heldAtMarket[i] += tokens * w.reference[a];
      }
    });
    const equity = Float64Array.from(sheets, (x) => x.assets + x.capital - x.liabilities);
    if (!this.initialEquity) this.initialEquity = Float64Array.from(equity);
    const e0 = this.initialEquity;
    const net = buildExposureNetwork({ protocols: sheets.map((x, i) => ({ id: x.id, equity: e0[i] })), holdings });
    const h1 = new Float64Array(n);
    for (let i = 0; i < n; i++) h1[i] = e0[i] > 0 ? Math.min(1, Math.max(0, (e0[i] - equity[i]) / e0[i])) : equity[i] < 0 ? 1 : 0;
    const dr = debtRankOfNetwork(net, h1, equityShares(e0));
    let lossUsd = 0;
    for (let i = 0; i < n; i++) lossUsd += dr.h[i] * Math.max(0, e0[i]);

    // Eisenberg–Noe with an outside sink (node n) that owes nothing
    const m = n + 1;
    const L = new Float64Array(m * m);
    for (let x = 0; x < n; x++) for (let y = 0; y < n; y++) L[y * m + x] = net.exposure[x * n + y];
    const external = new Float64Array(m);
    for (let i = 0; i < n; i++) {
      let owedInside = 0;
      for (let x = 0; x < n; x++) owedInside += L[i * m + x];
      L[i * m + n] = Math.max(0, sheets[i].liabilities - owedInside);
      external[i] = Math.max(0, sheets[i].assets + sheets[i].capital - heldAtMarket[i]);
    }
    const clearing = clearingVector(L, external);
    let defaults = 0;
    let shortfall = 0;
    for (let i = 0; i < n; i++) {
      if (clearing.defaulted[i]) defaults++;
      shortfall += clearing.shortfall[i];
    }
    const measure: ContagionMeasure = {
      step: s,
      time: s * w.dt,
      systemicLoss: dr.systemicLoss,
      systemicLossUsd: lossUsd,
      debtRank: dr.debtRank,
      defaults,
      clearingShortfall: shortfall,
    };
    this.last = measure;
    const w0 = this.worst;
    if (!w0 || measure.systemicLoss > w0.systemicLoss || (measure.systemicLoss === w0.systemicLoss && measure.clearingShortfall > w0.clearingShortfall)) this.worst = measure;
    return measure;
  }
}

/**
 * The collateral policy's reward over one decision interval:
 *
 *   r = −( w_bd · ΔB  +  c_lock · Σ_steps L_s · dt / year  +  c_change · N )
 *
 *   ΔB        bad debt the protocol booked in the interval, USD (its `figures().badDebtUsd`: a
 *             lending market's written-off debt at the oracle price when booked; a CDP system's
 *             deficit after collateral auctions, at par);
 *   L_s       borrowing power the policy has taken from borrowers at the end of step s, relative
 *             to the episode's starting parameters: Σ over controlled targets of the collateral
 *             held (USD at the protocol's oracle prices) × max(0, p_base − p_now), where p is the
 *             LTV of a lending reserve (what a USD of collateral may borrow) and 1 / ratio for a
 *             CDP vault type. This models the cost of locked collateral on the existing book (no
 *             new borrowing is simulated): each USD of borrowing power that the tighter
 *             parameters withhold costs c_lock a year, as capital borrowers cannot use;
 *             loosening beyond the start earns nothing, it only stops the charge;
 *   N         parameter changes that took effect in the interval (controls whose value differs
 *             from the interval's start);
 *   w_bd, c_lock, c_change   rl.collateralPolicy.reward: badDebtWeight, lockCostPerYear, changeCost.
 *
 * Borrowers respond through the scenario's own agents: a tighter threshold lowers every health
 * factor against that collateral, the positions it pushes under a borrower cohort's alert level
 * enter its watch list, and the cohort tops up (or repays) to its target health factor at the
 * new threshold after its latency, so collateral locked by the change shows in L at once; those
 * it pushes under 1 are liquidated by the scenario's liquidators.
 */
import type { World } from '../../../sim/world.js';
import { asCdpSystem, asLendingMarket } from '../../../protocols/kinds.js';
import { SECONDS_PER_YEAR } from '../../../market/schema.js';
import type { CollateralPolicySpec } from '../../../scenario/rl.js';
import type { Control, ControlSet } from './controls.js';

/** Borrowing power per USD of collateral: a reserve's LTV, or 1 / a vault type's ratio. */
function powerPerUsd(w: World, set: ControlSet, c: Control): number {
  const params = w.protocols[set.protocol].parameters(c.target);
  return c.kind === 'lending' ? params.ltv : 1 / params.liquidationRatio;
}

/** Collateral held against a target, USD at the protocol's oracle price. */
function collateralUsd(w: World, set: ControlSet, c: Control): number {
  const p = w.protocols[set.protocol];
  if (c.kind === 'lending') {
    const m = asLendingMarket(p);
    const r = m.reserves.findIndex((x) => x.assetId === c.target);
    return m.reserves[r].totalCollateral * m.price[r];
  }
  const cdp = asCdpSystem(p);
  const ilk = cdp.ilks.find((k) => k.id === c.target)!;
  return ilk.ink * ilk.price;
}

export class CollateralReward {
  /** Per control, borrowing power per USD of collateral at the episode's start. */
  private readonly basePower: number[];
  private badDebtAtStart = 0;
  private valuesAtStart: number[] = [];
  private lockUsdYears = 0;

  constructor(
    private readonly w: World,
    private readonly set: ControlSet,
    private readonly spec: CollateralPolicySpec,
  ) {
    this.basePower = set.controls.map((c) => powerPerUsd(w, set, c));
    this.startInterval();
  }

  private values(): number[] {
    const p = this.w.protocols[this.set.protocol];
    return this.set.controls.map((c) => p.parameters(c.target)[c.parameter]);
  }

  /** Borrowing power withheld now, USD: L of the header. */
  lostPowerUsd(): number {
    let usd = 0;
    this.set.controls.forEach((c, k) => {
      const lost = this.basePower[k] - powerPerUsd(this.w, this.set, c);
      if (lost > 0) usd += collateralUsd(this.w, this.set, c) * lost;
    });
    return usd;
  }

  startInterval(): void {
    this.badDebtAtStart = this.w.protocols[this.set.protocol].figures().badDebtUsd;
    this.valuesAtStart = this.values();
    this.lockUsdYears = 0;
  }

  /** After each step: the charge for the borrowing power withheld during it. */
  afterStep(): void {
    this.lockUsdYears += (this.lostPowerUsd() * this.w.dt) / SECONDS_PER_YEAR;
  }

  /** The interval's reward and its parts; starts the next interval. */
  finish(): { reward: number; badDebtUsd: number; lockedUsdYears: number; changes: number } {
    const badDebtUsd = this.w.protocols[this.set.protocol].figures().badDebtUsd - this.badDebtAtStart;
    const now = this.values();
    const changes = now.filter((v, k) => v !== this.valuesAtStart[k]).length;
    const r = this.spec.reward;
    const reward = -(r.badDebtWeight * badDebtUsd + r.lockCostPerYear * this.lockUsdYears + r.changeCost * changes);
    const out = { reward, badDebtUsd, lockedUsdYears: this.lockUsdYears, changes };
    this.startInterval();
    return out;
  }
}

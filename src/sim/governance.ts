/**
 * Governance changes of protocol parameters in the simulator: the scenario's scheduled changes,
 * sent as `configure` transactions by the governance account; the timelock queue; and the
 * Risk-Steward bounds (riskSteward.ts). The protocols apply a change (`configure`) and refuse an
 * invalid one; this module decides when, and whether the bounds allow it. It sees protocols only
 * through the protocol contract (`parameters`, `configure`; protocol.ts) and names no kind: the
 * kind of change each bound measures (relative or absolute) comes with the bound, from the
 * scenario's governance block (build/governance.ts). Changes address protocols by their index in
 * the world's list, as every protocol transaction does; events name them by id.
 *
 * Timing, precisely (step s covers [s·dt, (s+1)·dt)):
 *  - a change scheduled `at: T` is submitted in the first step s with s·dt ≥ T, after the
 *    protocols are marked and before the agents act, with its gas bid; it waits for block space
 *    like any transaction, and one not included within `chain.expiry` is dropped
 *    (`configure-expired`);
 *  - a `configure` transaction included at time t (its block's time; the step's start without
 *    block space) for a protocol without a timelock is checked and applied at t, in block order
 *    with the other transactions of its block;
 *  - with a timelock τ it is queued (`configure-queued`, `due` = t + τ) and takes effect at the
 *    first step boundary at or after t + τ: at the start of the first step k with k·dt ≥ t + τ,
 *    after that step's interest and marks and before its agents act (who see it). When t + τ is
 *    a step boundary, as with t and τ multiples of dt, that is exactly t + τ. It is then checked
 *    and applied at time k·dt, which `lastConfiguredAt` reports. A change due at or after the
 *    horizon never takes effect.
 * Checks: an unknown protocol, target or parameter is refused when the transaction is included;
 * the bounds and the protocol's own checks (invalid values) when the change takes effect,
 * against the values and last changes of that moment. A timelocked change is also held to the
 * bounds when it is included, as if it took effect at its due time against the values of then,
 * so a change the steward would refuse is not queued (and one that passed may still be refused
 * at its effect, when another change came first). A change is applied whole or refused whole,
 * with a `configure-refused` event giving the reason; an applied one is a `configure` event with
 * the previous values. Without governance in the scenario none of this records
 * anything or changes any figure.
 */
import type { World } from './worldTypes.js';
import type { Inclusion } from './blockspace.js';
import type { Protocol } from './protocol.js';
import type { GasBid } from '../scenario/schema.js';
import { record } from './events.js';
import { GOVERNANCE_SENDER, type ConfigureTx } from './configureTx.js';
import { boundViolation, type ParameterBound } from './riskSteward.js';

/** A protocol's governance block, by flat parameter name (build/governance.ts reads it from the scenario). */
export interface GovernanceRules {
  /** Seconds between inclusion and effect. */
  timelock: number;
  /** Each bound carries its kind of change (relative or absolute), which the scenario gives per parameter. */
  bounds: ReadonlyMap<string, ParameterBound>;
}

/** A change the scenario schedules, its protocol resolved to the world's index. */
export interface ScheduledChange {
  /** Seconds: sent in the first step starting at or after it. */
  at: number;
  protocol: number;
  target: string;
  /** New values by flat parameter name. */
  params: Record<string, number>;
  gasBid: GasBid;
}

interface Queued {
  tx: ConfigureTx;
  /** Inclusion time + timelock. */
  due: number;
  includedAt: number;
}

export class Governance {
  /** Scheduled changes in order of their time (the scenario's order among equal times), with their index in it. */
  private readonly schedule: { change: ScheduledChange; ref: number }[];
  private nextScheduled = 0;
  /** Changes waiting for their timelock, in order of inclusion. */
  private readonly queue: Queued[] = [];
  /** Last change of each (protocol, target, parameter), for `minDelay`. */
  private readonly lastChange = new Map<string, number>();
  /** Scheduled changes submitted and not yet included, with the time they expire. */
  private readonly inFlight = new Map<number, { tx: ConfigureTx; expiresAt: number }>();

  constructor(
    /** The world's protocols: a change's `protocol` is an index here, and they apply it through the contract. */
    private readonly protocols: readonly Protocol[],
    /** By protocol index; a protocol without a governance block has no timelock and no bounds. */
    private readonly rules: ReadonlyMap<number, GovernanceRules>,
    changes: readonly ScheduledChange[],
  ) {
    this.schedule = changes.map((change, ref) => ({ change, ref })).sort((a, b) => a.change.at - b.change.at || a.ref - b.ref);
  }

  /** When `parameter` of `target` of protocol `protocol` (its index) last changed (−∞ if never). */
  lastChanged(protocol: number, target: string, parameter: string): number {
    return this.lastChange.get(`${protocol}\u0000${target}\u0000${parameter}`) ?? -Infinity;
  }

  /** Changes waiting for their timelock. */
  get pending(): number {
    return this.queue.length;
  }

  private sender(w: World, tx: ConfigureTx): string {
    return tx.sender === GOVERNANCE_SENDER ? 'governance' : w.agents[tx.sender].id;
  }

  /** The protocol a change addresses, or undefined when no protocol has that index. */
  private protocolOf(tx: ConfigureTx): Protocol | undefined {
    return Number.isInteger(tx.protocol) ? this.protocols[tx.protocol] : undefined;
  }

  /** Events name the protocol by its id, as every other event does. */
  private fields(tx: ConfigureTx): { protocol: string | number; target: string; params: Record<string, number> } {
    return { protocol: this.protocolOf(tx)?.id ?? tx.protocol, target: tx.target, params: tx.params };
  }

  private refuse(w: World, tx: ConfigureTx, reason: string, extra: Record<string, unknown>): void {
    record(w, 'configure-refused', { ...this.fields(tx), sender: this.sender(w, tx), ...extra, reason });
  }

  /** Why the change, taking effect at `at`, breaks a bound of its protocol; null when it does not. */
  private boundsViolation(tx: ConfigureTx, current: Record<string, number>, at: number): string | null {
    const bounds = this.rules.get(tx.protocol)?.bounds;
    for (const [key, value] of Object.entries(tx.params)) {
      const bound = bounds?.get(key);
      const why = bound && boundViolation(key, current[key], value, at, this.lastChanged(tx.protocol, tx.target, key), bound);
      if (why) return why;
    }
    return null;
  }

  /** Checks the bounds and applies the change at `now`, or refuses it; records which. */
  private apply(w: World, tx: ConfigureTx, now: number, extra: Record<string, unknown>): void {
    const p = this.protocolOf(tx)!;
    const current = p.parameters(tx.target);
    const why = this.boundsViolation(tx, current, now);
    if (why) return this.refuse(w, tx, why, extra);
    try {
      p.configure(tx.target, tx.params, w.contexts.atStep(now));
    } catch (e) {
      return this.refuse(w, tx, (e as Error).message, extra);
    }
    for (const key of Object.keys(tx.params)) this.lastChange.set(`${tx.protocol}\u0000${tx.target}\u0000${key}`, now);
    const previous = Object.fromEntries(Object.keys(tx.params).map((k) => [k, current[k]]));
    record(w, 'configure', { ...this.fields(tx), previous, sender: this.sender(w, tx), ...extra });
  }

  /** A `configure` transaction included at `time`: refused if malformed, else applied or queued. */
  included(w: World, tx: ConfigureTx, time: number): void {
    if (tx.ref !== undefined && tx.sender === GOVERNANCE_SENDER) this.inFlight.delete(tx.ref);
    const p = this.protocolOf(tx);
    if (!p) return this.refuse(w, tx, `unknown protocol #${tx.protocol} (the world has ${this.protocols.length})`, { blockTime: time });
    let current: Record<string, number>;
    try {
      current = p.parameters(tx.target);
      const unknown = Object.keys(tx.params).find((k) => !(k in current));
      if (unknown !== undefined) throw new Error(`unknown parameter "${unknown}" of ${p.id}'s ${tx.target} (expected one of ${Object.keys(current).join(', ')})`);
    } catch (e) {
      return this.refuse(w, tx, (e as Error).message, { blockTime: time });
    }
    const timelock = this.rules.get(tx.protocol)?.timelock ?? 0;
    if (!(timelock > 0)) return this.apply(w, tx, time, { blockTime: time });
    const due = time + timelock;
    // a change the bounds would refuse at its due time, as things stand, is not queued
    const why = this.boundsViolation(tx, current, due);
    if (why) return this.refuse(w, tx, why, { blockTime: time, due });
    this.queue.push({ tx, due, includedAt: time });
    record(w, 'configure-queued', { ...this.fields(tx), sender: this.sender(w, tx), blockTime: time, due });
  }

  /**
   * At the start of step s (after its marks, before the agents): the queued changes now due take
   * effect, in order of inclusion; dropped scheduled changes are reported; the scheduled changes
   * whose time has come are submitted.
   */
  beginStep(w: World, s: number): void {
    const now = s * w.dt;
    if (this.queue.length > 0) {
      const due = this.queue.filter((q) => q.due <= now);
      if (due.length > 0) {
        this.queue.splice(0, this.queue.length, ...this.queue.filter((q) => q.due > now));
        for (const q of due) this.apply(w, q.tx, now, { includedAt: q.includedAt, due: q.due });
      }
    }
    for (const [ref, f] of this.inFlight) {
      if (f.expiresAt > now) continue;
      this.inFlight.delete(ref);
      record(w, 'configure-expired', { ...this.fields(f.tx), sender: 'governance' });
    }
    while (this.nextScheduled < this.schedule.length && this.schedule[this.nextScheduled].change.at <= now) {
      const { change, ref } = this.schedule[this.nextScheduled++];
      const gasPrice = change.gasBid.kind === 'fixed' ? change.gasBid.gwei : change.gasBid.factor * w.gasPrice;
      // the governance account pays its gas outside the modelled world (gas 0: block space only)
      const tx: ConfigureTx = { kind: 'configure', sender: GOVERNANCE_SENDER, gas: 0, gasPrice, protocol: change.protocol, target: change.target, params: change.params, ref };
      w.blockspace.submit(tx, now);
      if (w.blockspace.blocks) this.inFlight.set(ref, { tx, expiresAt: now + w.scenario.chain.expiry });
    }
  }
}

/** The step loop's hook: governance's part of the start of step s. */
export function stepGovernance(w: World, s: number): void {
  w.governance.beginStep(w, s);
}

/**
 * Settles an included `configure` transaction. An agent's pays its gas as every transaction does
 * in `settle` (and is never mined when it cannot); the governance account's costs none.
 */
export function settleConfigure(w: World, inclusion: Inclusion): void {
  const tx = inclusion.tx as ConfigureTx;
  if (tx.sender !== GOVERNANCE_SENDER && tx.gas > 0) {
    const account = w.agents[tx.sender].account;
    const fee = tx.gas * inclusion.gasPrice * 1e-9;
    if (w.ledger.balance(account, w.nativeAsset) < fee) return;
    w.ledger.burn(account, w.nativeAsset, fee);
  }
  w.governance.included(w, tx, inclusion.time);
}

/**
 * Choosing parameters under a risk appetite from a sweep's table. The objective's parameter is
 * the decision; any other grid axis is a stress the decision must survive: a value is acceptable
 * when every cell with that value meets every constraint. Figures are taken at their
 * conservative end (the upper end of the 95 % interval), so too few paths count against a value,
 * never for it. The binding constraint is the one that rules out the next value in the
 * objective's direction.
 */
import type { SweepCellResult } from '../sweepResults.js';
import type { Appetite } from './appetite.js';

export interface ConstraintCheck {
  name: 'probabilityOfBadDebt' | 'badDebtEs99' | 'liquidationsAtRisk';
  /** What was compared (the conservative end), null when the paths cannot bound it. */
  value: number | null;
  limit: number;
  ok: boolean;
  /** Words for the table: the figure and its limit. */
  describe: string;
}

export interface Candidate {
  value: number;
  /** The cells with this value (one per setting of the other axes). */
  cells: number[];
  /** Per cell, its checks; `ok` when all pass in every cell. */
  checks: ConstraintCheck[][];
  ok: boolean;
}

export interface Choice {
  axis: string;
  direction: 'maximise' | 'minimise';
  candidates: Candidate[];
  chosen: Candidate | undefined;
  /** The next value past the chosen one, and the constraint(s) it fails; undefined when the chosen value is the last swept. */
  binding: { next: Candidate; failed: ConstraintCheck[] } | undefined;
}

const pctText = (x: number) => `${(100 * x).toFixed(2)} %`;
const usdText = (x: number) => `$${Math.round(x).toLocaleString('en-US')}`;

export function checkCell(cell: SweepCellResult, appetite: Appetite, debtUsd: number | undefined): ConstraintCheck[] {
  const f = cell.summary.protocols[appetite.protocol];
  const c = appetite.constraints;
  const out: ConstraintCheck[] = [];
  if (c.probabilityOfBadDebt) {
    const v = f.probabilityOfBadDebt.interval?.[1] ?? null;
    out.push({
      name: 'probabilityOfBadDebt',
      value: v,
      limit: c.probabilityOfBadDebt.max,
      ok: v !== null && v <= c.probabilityOfBadDebt.max,
      describe: `P(bad debt) upper 95 % bound ${v === null ? '—' : pctText(v)} ≤ ${pctText(c.probabilityOfBadDebt.max)}`,
    });
  }
  if (c.badDebtEs99) {
    const v = f.badDebt.intervals?.es99?.[1] ?? null;
    out.push({
      name: 'badDebtEs99',
      value: v,
      limit: c.badDebtEs99.maxUsd,
      ok: v !== null && v <= c.badDebtEs99.maxUsd,
      describe: `ES99 of bad debt, upper 95 % bound ${v === null ? 'unbounded (too few paths)' : usdText(v)} ≤ ${usdText(c.badDebtEs99.maxUsd)}`,
    });
  }
  if (c.liquidationsAtRisk) {
    const lar = f.liquidationsAtRisk.p99;
    const v = lar === null || !debtUsd ? null : lar / debtUsd;
    out.push({
      name: 'liquidationsAtRisk',
      value: v,
      limit: c.liquidationsAtRisk.maxShareOfDebt,
      ok: v !== null && v <= c.liquidationsAtRisk.maxShareOfDebt,
      describe: `LaR99 ${lar === null ? '—' : usdText(lar)} = ${v === null ? '—' : pctText(v)} of starting debt ≤ ${pctText(c.liquidationsAtRisk.maxShareOfDebt)}`,
    });
  }
  // a failed check reads as what it is
  for (const k of out) if (!k.ok) k.describe = k.describe.replace(' ≤ ', ' > ');
  return out;
}

export function choose(cells: SweepCellResult[], axis: string, appetite: Appetite, debtByCell: (number | undefined)[]): Choice {
  const direction = 'maximise' in appetite.objective ? 'maximise' : 'minimise';
  const byValue = new Map<number, Candidate>();
  for (const cell of cells) {
    const value = Number(cell.grid[axis]);
    const c = byValue.get(value) ?? { value, cells: [], checks: [], ok: true };
    const checks = checkCell(cell, appetite, debtByCell[cell.cell]);
    c.cells.push(cell.cell);
    c.checks.push(checks);
    c.ok &&= checks.every((k) => k.ok);
    byValue.set(value, c);
  }
  // best first
  const candidates = [...byValue.values()].sort((a, b) => (direction === 'maximise' ? b.value - a.value : a.value - b.value));
  const at = candidates.findIndex((c) => c.ok);
  const chosen = at >= 0 ? candidates[at] : undefined;
  const next = at > 0 ? candidates[at - 1] : undefined;
  const binding = next ? { next, failed: next.checks.flat().filter((k) => !k.ok) } : undefined;
  return { axis, direction, candidates: [...candidates].sort((a, b) => a.value - b.value), chosen, binding };
}

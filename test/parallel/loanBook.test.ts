/**
 * A sweep compares protocols on one loan book. Positions are drawn from health factors under a
 * liquidation threshold, so a cell that drew its own book at a higher threshold would also lend
 * more on the same collateral. Reference: conservation across cells — the shared book's total debt
 * and collateral are the same in every cell to the last bit, while a regenerated book's debt scales
 * with the threshold exactly as debt = collateral · price · LT / HF says (same draws, so the ETH
 * positions' debt scales by LT'/LT).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario } from '../../src/scenario/load.js';
import { buildWorld } from '../../src/sim/world.js';
import type { Scenario } from '../../src/scenario/schema.js';
import { asLendingMarket } from '../../src/protocols/kinds.js';
import { createAgent } from '../../agents/index.js';
import { cliInProcess } from '../cli/spawnCli.js';

const DEMO = 'scenarios/demo.yaml';
const LT = 'protocols.lender.reserves.ETH.liquidationThreshold';

/** Total debt and collateral per reserve (tokens) of the demo's market at the start of path 0. */
function book(overrides: string[], shared?: Scenario): { debt: number[]; collateral: number[] } {
  const w = buildWorld(loadScenario(DEMO, overrides), { createAgent, seed: 42, path: 0, book: shared });
  const m = asLendingMarket(w.protocols[0]);
  return { debt: m.reserves.map((r) => r.totalScaledDebt * r.borrowIndex), collateral: m.reserves.map((r) => r.totalCollateral) };
}

test("a sweep over the demo's ETH liquidation threshold keeps the loan book: total debt equal across cells", () => {
  const file = loadScenario(DEMO).scenario;
  const cells = [0.8, 0.825, 0.85, 0.9].map((lt) => book([`${LT}=${lt}`], file));
  for (const c of cells.slice(1)) {
    assert.equal(c.debt, cells[0].debt);
    assert.equal(c.collateral, cells[0].collateral);
  }
  // the file's own value, drawn without a shared book, is the same book too
  assert.equal(book([]).debt, cells[0].debt);
});

test('--regenerate-book: each cell draws at its own threshold, and ETH-backed debt scales by LT/LT₀', () => {
  // debt by the collateral reserve that backs it (0 = ETH in the demo), from the book's positions
  const debtByCollateral = (overrides: string[]) => {
    const m = asLendingMarket(buildWorld(loadScenario(DEMO, overrides), { createAgent, seed: 42, path: 0 }).protocols[0]);
    const out = new Float64Array(m.reserves.length);
    for (let i = 0; i < m.book.count; i++) out[m.book.collateralReserve[i]] += m.book.scaledDebt[i];
    return out;
  };
  const base = debtByCollateral([]);
  const high = debtByCollateral([`${LT}=0.9`]);
  assert.ok(Math.abs(high[0] / base[0] - 0.9 / 0.825) < 1e-12, `ratio ${high[0] / base[0]}`);
  for (let r = 1; r < base.length; r++) assert.is(high[r], base[r], `reserve ${r} is not ETH-backed`);
});

test('sweep.json says which was done; the regenerated sweep is another run (folder and checkpoint identity)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'aftershock-book-'));
  const args = ['sweep', 'test/fixtures/scenarios/paths-small.yaml', '--grid', 'reserves.ETH.liquidationThreshold=0.825,0.9', '--paths', '3', '--workers', '1', '--quiet', '--json'];
  const shared = await cliInProcess([...args, '--out', join(dir, 'shared')]);
  const regenerated = await cliInProcess([...args, '--regenerate-book', '--out', join(dir, 'regen')]);
  assert.is(shared.code, 0, shared.stderr);
  assert.is(regenerated.code, 0, regenerated.stderr);
  const a = JSON.parse(shared.stdout);
  const b = JSON.parse(regenerated.stdout);
  assert.is(a.loanBook, 'shared');
  assert.is(b.loanBook, 'regenerated');
  assert.is.not(a.sweep, b.sweep);
  // the file's own threshold (cell 0) is the same world either way
  assert.equal(a.cells[0].summary, b.cells[0].summary);
  assert.is(JSON.parse(readFileSync(join(dir, 'shared', 'sweep.json'), 'utf8')).loanBook, 'shared');
  rmSync(dir, { recursive: true, force: true });
});

test.run();

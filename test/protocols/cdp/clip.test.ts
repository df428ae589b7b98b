import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { exponentialDecrease, linearDecrease, stairstepExponentialDecrease } from '../../../src/protocols/cdp/abaci.js';
import { Clipper, type ClipParams } from '../../../src/protocols/cdp/clip.js';

// Reference: makerdao/dss src/clip.sol and src/abaci.sol (Liquidations 2.0, MIP45).
// Powers below were computed by hand with `bc -l` (arbitrary precision), not by the code:
//   0.99^10 = 0.904382075008804490, 0.99^40 = 0.668971758569680514,
//   0.99^68 = 0.504885888787069952, 0.99^69 = 0.499837029899199252,
//   0.999^100 = 0.904792147113709042, ln 0.5 / ln 0.99 = 68.9676.
const close = (a: number, b: number, tol = 1e-12) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

const base: ClipParams = {
  buf: 1.2,
  tail: 1e9,
  cusp: 0.4,
  tip: 300,
  chip: 0.001,
  chost: 0,
  calc: stairstepExponentialDecrease(90, 0.99),
};

test('abaci: stair-step, linear and exponential prices at hand-computed times', () => {
  const s = stairstepExponentialDecrease(90, 0.99);
  assert.is(s.price(2400, 0), 2400);
  assert.is(s.price(2400, 89), 2400); // still the first step
  assert.ok(close(s.price(2400, 90), 2376));
  assert.ok(close(s.price(2400, 900), 2400 * 0.90438207500880449));
  assert.ok(close(s.price(2400, 989), 2400 * 0.90438207500880449)); // floor(989/90) = 10
  const l = linearDecrease(3600);
  assert.is(l.price(2000, 900), 1500); // 2000 × 2700/3600
  assert.is(l.price(2000, 3600), 0);
  assert.is(l.price(2000, 5000), 0);
  const e = exponentialDecrease(0.999);
  assert.ok(close(e.price(1000, 100), 904.792147113709042));
});

test('kick: top = oracle × buf; keeper paid tip + chip × tab', () => {
  const clip = new Clipper(base);
  const k = clip.kick({ tab: 50_000, lot: 30, usr: 'vault', keeper: 'K', oraclePrice: 2000, now: 0 });
  assert.is(k.top, 2400);
  // 300 + 0.001 × 50,000 = 350
  assert.is(k.coin, 350);
  assert.ok(close(clip.price(k.id, 900), 2400 * 0.90438207500880449));
});

test('reset at tail: elapsed > tail, not at tail', () => {
  const clip = new Clipper({ ...base, tail: 3600 });
  const { id } = clip.kick({ tab: 50_000, lot: 30, usr: 'vault', keeper: 'K', oraclePrice: 2000, now: 100 });
  // at elapsed 3600 the price ratio is 0.99^40 = 0.669 > cusp: not stale yet
  assert.is(clip.needsRedo(id, 3700), false);
  assert.is(clip.needsRedo(id, 3701), true);
  assert.equal(clip.take(id, 1, 1e9, 'T', 3701), { ok: false, reason: 'needs-reset' });
  assert.equal(clip.redo(id, 'K2', 1500, 3700), { ok: false, reason: 'cannot-reset' });
  const r = clip.redo(id, 'K2', 1500, 3701);
  assert.ok(r.ok);
  if (r.ok) {
    assert.is(r.top, 1800); // 1500 × 1.2
    assert.is(r.coin, 350); // tab untouched: 300 + 50
  }
  assert.is(clip.price(id, 3701), 1800);
  assert.is(clip.needsRedo(id, 3701), false);
});

test('reset at cusp: price / top < cusp first happens at step 69', () => {
  // cusp 0.5: 0.99^68 = 0.50489 ≥ 0.5, 0.99^69 = 0.49984 < 0.5 → stale from 69 × 90 = 6210 s
  const clip = new Clipper({ ...base, cusp: 0.5 });
  const { id } = clip.kick({ tab: 50_000, lot: 30, usr: 'vault', keeper: 'K', oraclePrice: 2000, now: 0 });
  assert.is(clip.needsRedo(id, 6209), false);
  assert.ok(close(clip.price(id, 6209), 2400 * 0.50488588878706995));
  assert.is(clip.needsRedo(id, 6210), true);
  assert.ok(close(clip.price(id, 6210), 2400 * 0.49983702989919925));
});

test('partial takes, hand-worked: two keepers, the second covers the tab, leftover to the vault', () => {
  const clip = new Clipper(base);
  const { id } = clip.kick({ tab: 50_000, lot: 30, usr: 'vault', keeper: 'K', oraclePrice: 2000, now: 0 });
  const p = 2400 * 0.90438207500880449; // price at t = 900: 2170.5169800211...
  assert.equal(clip.take(id, 10, 2100, 'A', 900), { ok: false, reason: 'too-expensive' });
  // A buys 10 ETH: owe = 10 p = 21,705.17; tab 28,294.83 and lot 20 left
  const a = clip.take(id, 10, 2200, 'A', 900);
  assert.ok(a.ok);
  if (a.ok) {
    assert.ok(close(a.owe, 10 * p));
    assert.is(a.slice, 10);
    assert.ok(close(a.tab, 50_000 - 10 * p));
    assert.is(a.lot, 20);
    assert.is(a.finished, false);
  }
  // B asks for 20 ETH: 20 p = 43,410 > tab, so owe = tab and slice = tab / p = 50,000/p − 10 = 13.0360
  const b = clip.take(id, 20, 2200, 'B', 900);
  assert.ok(b.ok);
  if (b.ok) {
    assert.ok(close(b.owe, 50_000 - 10 * p, 1e-10));
    assert.ok(close(b.slice, 50_000 / p - 10, 1e-10));
    assert.is(b.tab, 0);
    assert.is(b.finished, true);
    assert.ok(close(b.returnedToUsr, 30 - 50_000 / p, 1e-10));
    assert.is(b.uncoveredTab, 0);
    // conservation: collateral sold + returned = 30; stablecoin raised = tab
    if (a.ok) {
      assert.ok(close(a.slice + b.slice + b.returnedToUsr, 30));
      assert.ok(close(a.owe + b.owe, 50_000));
    }
  }
  assert.is(clip.count, 0);
});

test('lot runs out before the tab: the rest of the tab is uncovered', () => {
  const clip = new Clipper(base);
  const { id } = clip.kick({ tab: 50_000, lot: 10, usr: 'vault', keeper: 'K', oraclePrice: 2000, now: 0 });
  // price 2400 at t=0: all 10 ETH for 24,000; 26,000 uncovered
  const r = clip.take(id, 100, 2400, 'A', 0);
  assert.ok(r.ok);
  if (r.ok) {
    assert.is(r.owe, 24_000);
    assert.is(r.slice, 10);
    assert.is(r.uncoveredTab, 26_000);
    assert.is(r.returnedToUsr, 0);
    assert.is(r.finished, true);
  }
});

test('chost dust rule: a partial take may not leave 0 < tab < chost', () => {
  // chost = 5,000. Price 2400 at t=0.
  const clip = new Clipper({ ...base, chost: 5000 });
  const { id } = clip.kick({ tab: 50_000, lot: 30, usr: 'vault', keeper: 'K', oraclePrice: 2000, now: 0 });
  // 19.5 ETH × 2400 = 46,800 would leave 3,200 < 5,000: owe cut to 45,000, slice 45,000 / 2400 = 18.75
  const r = clip.take(id, 19.5, 2400, 'A', 0);
  assert.ok(r.ok);
  if (r.ok) {
    assert.is(r.owe, 45_000);
    assert.is(r.slice, 18.75);
    assert.is(r.tab, 5000);
  }
  // now tab = chost: only the whole lot may be bought
  assert.equal(clip.take(id, 1, 2400, 'B', 0), { ok: false, reason: 'no-partial-purchase' });
  const all = clip.take(id, 1000, 2400, 'B', 0);
  assert.ok(all.ok && all.tab === 0 && all.finished);
});

test('tip + chip on redo: paid on the remaining tab, withheld when tab or lot value is below chost', () => {
  const clip = new Clipper({ ...base, tail: 600, chost: 5000 });
  const k = clip.kick({ tab: 50_000, lot: 30, usr: 'vault', keeper: 'K', oraclePrice: 2000, now: 0 });
  assert.is(k.coin, 350);
  // take 10 ETH at t=0 (2400): tab 26,000 left
  assert.ok(clip.take(k.id, 10, 2400, 'A', 0).ok);
  const r1 = clip.redo(k.id, 'K2', 2000, 601);
  // 300 + 0.001 × 26,000 = 326
  assert.ok(r1.ok && r1.coin === 326);
  // the oracle collapses: lot 20 × 200 = 4,000 < chost → redo happens but pays nothing
  const r2 = clip.redo(k.id, 'K3', 200, 1202);
  assert.ok(r2.ok && r2.coin === 0 && r2.top === 240);
  // cumulative incentives: 350 + 326 + 0
  assert.is(clip.get(k.id)!.incentives, 676);
  assert.is(clip.get(k.id)!.redos, 2);
});

test.run();

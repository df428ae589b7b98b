/**
 * Borrowers in the fixture, worked by hand. Lending market (USDC debt, rates zero):
 *
 *   position             ETH 3,000 (after 1 step)           ETH 2,700 (after 5 steps)
 *   10 ETH / 20,000      HF 10·3000·0.8/20000 = 1.2           1.08
 *   10 ETH / 23,000      24000/23000 = 1.0435                 0.9391
 *   10 ETH / 25,000      0.96                                 0.864
 *   5 ETH / 6,000        2.0                                  1.8
 *   1 ETH / 0            no debt: left out
 *   10,000 DAI / 5,000   10000·1·0.75/5000 = 1.5              1.5
 *
 * Total debt 79,000 USDC of 100,000 supplied: utilisation 0.79. CDP system (ETH-A, ratio 1.5):
 * HF = 10·price/(debt·1.5): 15,000 → 1.333 (1.2 at 2,700), 19,000 → 1.0526 (0.9474),
 * 21,000 → 0.9524 (0.8571); the ETH-B vault has no auction, so it is never liquidated and left out.
 * A second route for the buckets below 1: the debt the liquidation index (lending) and the
 * system's unsafe scan (CDP) report, recorded as liquidatableDebtUsd and unsafeDebt.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertClose, inputErrorLine, read, readOne, worldAfter } from '../fixture.js';
import { buildObservation } from '../../../src/observation/observation.js';

const hist = (protocol: string, edges: number[], measure?: 'debt' | 'share' | 'count', collateral?: string) => ({ feature: 'health-histogram' as const, protocol, edges, measure, collateral });
const near = (protocol: string, within: number, collateral?: string) => ({ feature: 'debt-near-liquidation' as const, protocol, within, collateral });

test('utilisation: debt / (debt + cash) of a reserve', () => {
  const w = worldAfter(1);
  assertClose(readOne(w, { feature: 'utilisation', protocol: 'lender', reserve: 'USDC' }), 0.79, 'USDC');
  // nothing borrowed, nothing supplied: 0
  assert.is(readOne(w, { feature: 'utilisation', protocol: 'lender', reserve: 'ETH' }), 0);
});

test('lending health histogram by debt, share and count, before and after ETH falls', () => {
  const edges = [1, 1.1, 1.5];
  const at3000 = worldAfter(1);
  assert.equal(read(at3000, hist('lender', edges)), [25000, 23000, 20000, 11000]);
  assert.equal(read(at3000, hist('lender', edges, 'count')), [1, 1, 1, 2]);
  read(at3000, hist('lender', edges, 'share')).forEach((v, i) => assertClose(v, [25, 23, 20, 11][i] / 79, `share ${i}`));
  const at2700 = worldAfter(5);
  assert.equal(read(at2700, hist('lender', edges)), [48000, 20000, 0, 11000]);
  assert.is(read(at2700, hist('lender', edges))[0], at2700.metrics.series('lender.liquidatableDebtUsd')[4]);
});

test('histogram of one collateral only', () => {
  const w = worldAfter(1);
  assert.equal(read(w, hist('lender', [1, 1.1, 1.5], 'debt', 'ETH')), [25000, 23000, 20000, 6000]);
  assert.equal(read(w, hist('lender', [1, 1.1, 1.5], 'debt', 'DAI')), [0, 0, 0, 5000]);
});

test('debt within x of liquidation: health factor below 1 + x, the liquidatable included', () => {
  const at3000 = worldAfter(1);
  assert.is(readOne(at3000, near('lender', 0)), 25000);
  assert.is(readOne(at3000, near('lender', 0.05)), 48000);
  assert.is(readOne(at3000, near('lender', 0.6)), 73000);
  assert.is(readOne(at3000, near('lender', 0.6, 'DAI')), 5000);
  const at2700 = worldAfter(5);
  assert.is(readOne(at2700, near('lender', 0.05)), 48000);
  assert.is(readOne(at2700, near('lender', 0.1)), 68000);
  assertClose(readOne(at2700, { ...near('lender', 0.1), measure: 'share' }), 68 / 79, 'share');
});

test('CDP vaults: health is collateralisation over the liquidation ratio; types never liquidated are left out', () => {
  const at3000 = worldAfter(1);
  assert.equal(read(at3000, hist('maker', [1, 1.1])), [21000, 19000, 15000]);
  assert.is(readOne(at3000, near('maker', 0)), at3000.metrics.series('maker.unsafeDebt')[0]);
  assert.equal(read(at3000, hist('maker', [1, 1.1], 'count', 'ETH-B')), [0, 0, 0]);
  const at2700 = worldAfter(5);
  assert.equal(read(at2700, hist('maker', [1, 1.1])), [40000, 0, 15000]);
  assert.is(readOne(at2700, near('maker', 0.25)), 55000);
  assert.is(readOne(at2700, near('maker', 0)), at2700.metrics.series('maker.unsafeDebt')[4]);
});

test('unknown protocols, reserves and vault types are refused; utilisation needs a lending market', () => {
  const w = worldAfter(0);
  assert.is(
    inputErrorLine(() => read(w, { feature: 'utilisation', protocol: 'aave', reserve: 'USDC' })),
    'observation[0].protocol: expected a protocol of the world (lender, maker), got "aave"',
  );
  assert.is(
    inputErrorLine(() => read(w, { feature: 'utilisation', protocol: 'lender', reserve: 'WBTC' })),
    'observation[0].reserve: expected a reserve of lender (ETH, USDC, DAI), got "WBTC"',
  );
  assert.is(
    inputErrorLine(() => read(w, { feature: 'utilisation', protocol: 'maker', reserve: 'ETH-A' })),
    'observation[0].protocol: expected a lending market, got "maker" (a CDP system)',
  );
  assert.is(
    inputErrorLine(() => read(w, hist('maker', [1], 'debt', 'ETH-C'))),
    'observation[0].collateral: expected a vault type of maker (ETH-A, ETH-B), got "ETH-C"',
  );
});

test('a histogram of k edges is k + 1 named values', () => {
  const w = worldAfter(0);
  const obs = buildObservation([hist('lender', [1, 1.1, 1.5])], w);
  assert.equal(obs.names, [
    'health-histogram(lender, measure=debt)[<1]',
    'health-histogram(lender, measure=debt)[1-1.1]',
    'health-histogram(lender, measure=debt)[1.1-1.5]',
    'health-histogram(lender, measure=debt)[>=1.5]',
  ]);
});

test.run();

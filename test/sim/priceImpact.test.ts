/**
 * Prices that react to trading: the permanent impact of a given net flow on a book of a given
 * ±2 % depth (models/amm/priceImpact.ts, sim/priceImpact.ts). References worked by hand: a flow of
 * $1M bought on a $2M book moves the log price by 0.02 × 1/2 = 0.01 (linear) or 0.02 × √(1/2)
 * (square root), times the permanent share; a half-life of two steps halves the flow behind it
 * two steps later; the reference the oracle reads moves, and the accounting invariants hold.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { peakImpact, permanentFactor, PERMANENT_SHARE } from '../../src/models/amm/priceImpact.js';
import { loadScenario, parseScenario } from '../../src/scenario/load.js';
import { buildWorld } from '../../src/sim/world.js';
import { step } from '../../src/sim/step.js';
import { sell } from '../../src/sim/sale.js';
import { createAgent } from '../../agents/index.js';

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

test('the laws by hand: linear and square root both move the price 2 % for a flow of the depth; sqrt is steeper below it', () => {
  close(peakImpact(1, 1e6, 2e6), 0.01);
  close(peakImpact(0.5, 1e6, 2e6), 0.02 * Math.SQRT1_2);
  close(peakImpact(0.5, -0.5e6, 2e6), -0.01);
  close(peakImpact(1, 2e6, 2e6), 0.02);
  close(peakImpact(0.5, 2e6, 2e6), 0.02);
  close(peakImpact(0.5, 8e6, 2e6), 0.04);
  close(peakImpact(1, 8e6, 2e6), 0.08);
  close(peakImpact(0.75, 16e6, 2e6), 0.02 * 8 ** 0.75);
  close(PERMANENT_SHARE, 2 / 3);
  close(permanentFactor(1, 1e6, 2e6), Math.exp((2 / 3) * 0.01));
  close(permanentFactor(0.5, 1e6, 2e6, 1), Math.exp(0.02 * Math.SQRT1_2));
});

const SCENARIO = `
name: impact
horizon: 10m
assets:
  - { id: CRV, price: { process: constant, price: 0.5 } }
  - { id: USDC, stable: true, price: { process: constant, price: 1 } }
venues:
  - id: book
    kind: depth-curve
    base: CRV
    quote: USDC
    depth2pct: 2000000
    impact: { exponent: 1, permanentShare: 1, halfLife: 2m }
oracles:
  - { id: crv-usd, asset: CRV, deviation: 0 }
chain: { nativeAsset: USDC }
options: { amplification: false, checkInvariants: true }
`;

test('a $1M buy on a $2M book moves the reference and the oracle by e^0.01, then decays with its half-life', () => {
  const loaded = parseScenario(SCENARIO, 'impact.yaml');
  const w = buildWorld(loaded, { createAgent, checkInvariants: true });
  const crv = 0;
  const usdc = 1;
  const account = w.exploiterAccount; // any account of the world; trades go through the ledger
  step(w); // step 0
  close(w.reference[crv], 0.5);
  w.ledger.mint(account, usdc, 1e6);
  sell(w, account, 0, usdc, crv, 1e6, false, 'buyer');
  step(w); // step 1 counts the flow
  close(w.reference[crv], 0.5 * Math.exp(0.01));
  close(w.oraclePrices[0], 0.5 * Math.exp(0.01));
  step(w); // one minute later: half-life 2 min, flow × 2^-1/2
  close(w.reference[crv], 0.5 * Math.exp(0.01 * Math.SQRT1_2), 1e-12);
  step(w);
  close(w.reference[crv], 0.5 * Math.exp(0.005), 1e-12);
  // selling it back (receiving quote) counts as negative flow
  const bought = w.ledger.balance(account, crv);
  const proceeds = sell(w, account, 0, crv, usdc, bought, false, 'buyer');
  step(w);
  close(w.reference[crv], 0.5 * Math.exp(0.02 * ((1e6 * 0.5 * Math.SQRT1_2 - proceeds) / 2e6)), 1e-12);
});

test('off by default, and no flow in the no-feedback counterfactual: the reference stays on its path', () => {
  const off = buildWorld(parseScenario(SCENARIO.replace(/\n {4}impact: .*\n/, '\n'), 'off.yaml'), { createAgent });
  assert.is(off.priceImpact, null);
  const cf = buildWorld(parseScenario(SCENARIO, 'impact.yaml'), { createAgent, priceFeedback: false });
  const account = cf.exploiterAccount;
  step(cf);
  cf.ledger.mint(account, 1, 1e6);
  sell(cf, account, 0, 1, 0, 1e6, true, 'liquidator'); // a liquidation sale without feedback
  step(cf);
  close(cf.reference[0], 0.5);
  // the shipped scenarios declare no impact but the CRV replay
  for (const f of ['demo', 'depeg', 'black-thursday-2020', 'usdc-depeg-2023']) assert.is(buildWorld(loadScenario(`scenarios/${f}.yaml`), { createAgent }).priceImpact, null, f);
});

test.run();

/**
 * The peg stability module (protocols/cdp/psm.ts) and its arbitrageur (agents/psmArbitrageur.ts).
 * References worked by hand: a sale of 100,000 USDC at tin 0.1 % mints 99,900 DAI to the seller
 * and 100 to the surplus and adds 100,000 to the module's vault (collateral and debt); a purchase
 * of 50,000 USDC at tout 0.2 % costs 50,100 DAI, 50,000 burnt and 100 to the surplus; the ceiling,
 * the gem held and the buyer's balance bound them; the accounting invariants hold after each.
 * The arbitrage leaves the pool at the break-even marginal rate 1 / (1 − tin) USDC per DAI.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseScenario } from '../../../src/scenario/load.js';
import { buildWorld } from '../../../src/sim/world.js';
import { step } from '../../../src/sim/step.js';
import { checkInvariants } from '../../../src/sim/invariants.js';
import { buyGem, psmHeld, psmRoom, sellGem } from '../../../src/protocols/cdp/psm.js';
import type { CdpSystem } from '../../../src/protocols/cdp/cdpSystem.js';
import { InputError } from '../../../src/util/errors.js';
import { createAgent } from '../../../agents/index.js';

const close = (a: number, b: number, tol = 1e-9) => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

const scenario = (pool: [number, number], extra = '') => `
name: psm
horizon: 5m
assets:
  - { id: USDC, stable: true, price: { process: constant, price: 1 } }
  - { id: DAI, stable: true, issuer: maker, price: { process: constant, price: 1 }, priceFrom: { venue: dai-usdc, quote: USDC } }
  - { id: ETH, price: { process: constant, price: 2000 } }
venues:
  - { id: dai-usdc, kind: stableswap, assets: [DAI, USDC], balances: [${pool[0]}, ${pool[1]}], amplification: 100, feeBps: 0 }
oracles:
  - { id: usdc-usd, asset: USDC }
protocols:
  - id: maker
    kind: cdp
    stablecoin: DAI
    ilks:
      - { id: PSM-USDC-A, asset: USDC, oracle: usdc-usd, liquidationRatio: 1, debtCeiling: 1100000, psm: { tin: 0.001, tout: 0.002 } }
    vaults:
      - { ilk: PSM-USDC-A, count: 1, size: 1000000, collateralisation: 1 }
agents:
  - { id: arb, kind: psm-arbitrageur, cdp: maker, psm: PSM-USDC-A, venues: [dai-usdc], capital: { USDC: 500000, DAI: 100000, ETH: 10 } }
${extra}
options: { amplification: false, checkInvariants: true }
`;

test('a PSM sale and purchase by hand: balances, fees, ceiling, gem held, invariants', () => {
  const w = buildWorld(parseScenario(scenario([1e6, 1e6]), 'psm.yaml'), { createAgent, checkInvariants: true });
  const c = w.protocols[0] as unknown as CdpSystem;
  const L = w.ledger;
  const me = w.agents[0].account;
  const [USDC, DAI] = [0, 1];
  step(w);
  assert.equal(checkInvariants(w), []);
  const supply0 = c.supply;
  close(psmHeld(c, 0), 1e6);
  close(psmRoom(c, 0), 100_000);
  const usdc0 = L.balance(me, USDC);
  const dai0 = L.balance(me, DAI);
  const r = sellGem(c, 0, 100_000, me, L);
  assert.ok(r.ok);
  close(L.balance(me, USDC), usdc0 - 100_000);
  close(L.balance(me, DAI), dai0 + 99_900);
  close(c.joy, 100);
  close(c.supply, supply0 + 100_000);
  close(c.vaults.ink[0], 1_100_000);
  close(c.debt(0), 1_100_000);
  assert.equal(checkInvariants(w), []);
  // the ceiling is reached: one more unit fails and changes nothing
  const full = sellGem(c, 0, 1, me, L);
  assert.equal(full, { ok: false, reason: 'debt ceiling reached' });
  const b = buyGem(c, 0, 50_000, me, L);
  assert.ok(b.ok);
  close(L.balance(me, DAI), dai0 + 99_900 - 50_100);
  close(L.balance(me, USDC), usdc0 - 50_000);
  close(c.joy, 200);
  close(c.supply, supply0 + 50_000);
  close(c.vaults.ink[0], 1_050_000);
  close(c.debt(0), 1_050_000);
  assert.equal(checkInvariants(w), []);
  assert.equal(buyGem(c, 0, 2e6, me, L), { ok: false, reason: 'the module holds less gem' });
  assert.equal(buyGem(c, 0, 1e6, me, L), { ok: false, reason: 'stablecoin balance too low' });
  step(w); // the end-of-step checks pass too
});

test('the arbitrageur sells USDC into the module and DAI into the pool until DAI is worth 1/(1 − tin) USDC there; DAI is priced from the pool', () => {
  // a pool short of DAI: DAI rich against USDC
  const w = buildWorld(
    parseScenario(
      scenario([400_000, 1_600_000]).replace('amplification: 100', 'amplification: 10').replace('debtCeiling: 1100000', 'debtCeiling: 5000000').replace('USDC: 500000', 'USDC: 2000000'),
      'psm.yaml',
    ),
    { createAgent, checkInvariants: true },
  );
  const c = w.protocols[0] as unknown as CdpSystem;
  const pool = w.venues[0];
  const [USDC, DAI] = [0, 1];
  const before = pool.price(DAI, USDC);
  assert.ok(before > 1.01, `DAI rich in the pool: ${before}`);
  step(w); // step 0: DAI's reference is read from the pool (fee-free price × USDC's $1)
  close(w.reference[DAI], before);
  for (let s = 0; s < 3; s++) step(w);
  close(pool.price(DAI, USDC), 1 / (1 - 0.001), 1e-6);
  close(w.reference[DAI], pool.price(DAI, USDC) * 1, 1e-9);
  assert.ok(c.vaults.ink[0] > 1_000_000, 'the module took USDC in');
  assert.equal(checkInvariants(w), []);
});

test('a peg stability module needs its one vault; the arbitrageur a module and pools of the stablecoin', () => {
  const noVault = scenario([1e6, 1e6]).replace('    vaults:\n      - { ilk: PSM-USDC-A, count: 1, size: 1000000, collateralisation: 1 }\n', '');
  assert.throws(
    () => buildWorld(parseScenario(noVault, 'psm.yaml'), { createAgent }),
    (e: unknown) => e instanceof InputError && /exactly one vault of the peg stability module PSM-USDC-A/.test(e.message),
  );
  assert.throws(
    () => parseScenario(scenario([1e6, 1e6]).replace('psm: PSM-USDC-A, venues', 'psm: ETH-A, venues'), 'psm.yaml'),
    (e: unknown) => e instanceof InputError && e.field === 'agents[0].psm',
  );
});

test.run();

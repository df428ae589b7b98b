/**
 * Vault owners in the simulator (test/fixtures/scenarios/blockspace-auction.yaml, uncongested, ETH
 * falling to $80 instead of $70 so the vault stays above 150 %): one vault of 10 ETH and 500 DAI
 * of debt is at 800 / 500 = 160 % from 10 min, under the owners' 175 % alert. After their 5-minute
 * latency (at 15 min) they bring it back to 250 %: a top-up of 10 × (2.5 / 1.6 − 1) = 5.625 ETH,
 * or a repayment of 500 × (1 − 1.6 / 2.5) = 180 DAI. Worked by hand.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadScenario } from '../../src/scenario/load.js';
import { runPath } from '../../src/sim/run.js';
import type { CdpSystem } from '../../src/protocols/cdp/cdpSystem.js';
import { createAgent } from '../../agents/index.js';

const FIXTURE = 'test/fixtures/scenarios/blockspace-auction.yaml';
const close = (a: number, b: number, tol = 1e-9) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
const owners = (action: string) => `agents=[{id: owners, kind: vault-owners, cdp: maker, share: 1, alertRatio: 1.75, targetRatio: 2.5, latency: 5m, action: ${action}}]`;
const base = ['chain.congestion.enabled=false', 'assets[0].price.keypoints[2].price=80', 'shocks=[]'];

test('vault owners top up to the target ratio after their latency', () => {
  const r = runPath(loadScenario(FIXTURE, [...base, owners('top-up')]), { createAgent, checkInvariants: true });
  const ev = r.world.events.filter((e) => e.type === 'vault-top-up');
  assert.is(ev.length, 1);
  assert.is(ev[0].step, 15);
  assert.ok(close(ev[0].amount as number, 5.625));
  const c = r.world.protocols[0] as CdpSystem;
  assert.ok(close(c.vaults.ink[0], 15.625));
  assert.ok(close(c.collateralisation(0), 2.5));
  assert.is(c.totals.bites, 0);
});

test('vault owners repay to the target ratio from their own stablecoin', () => {
  const r = runPath(loadScenario(FIXTURE, [...base, owners('repay')]), { createAgent, checkInvariants: true });
  const ev = r.world.events.filter((e) => e.type === 'vault-repay');
  assert.is(ev.length, 1);
  assert.ok(close(ev[0].amount as number, 180));
  const c = r.world.protocols[0] as CdpSystem;
  assert.ok(close(c.debt(0), 320));
  assert.ok(close(c.supply, 320));
});

test.run();

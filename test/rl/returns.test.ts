/**
 * GAE and n-step returns on hand-worked sequences.
 * References: the example (rewards [2, 4, 8, 16, 32], γ = 0.5, episode ending at the last
 * step: discounted returns [10, 16, 24, 32, 32], worked backwards G_t = r_t + γ·G_{t+1}); n-step sums
 * written out by hand; GAE's identities from Schulman et al. (2016, eq. 17–18): λ = 1 gives the
 * discounted return minus the value, λ = 0 the one-step TD error.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { gae } from '../../src/rl/ppo/gae.js';
import { discountedReturns, nStepReturns } from '../../src/rl/ppo/returns.js';
import type { Segment } from '../../src/rl/ppo/segment.js';

const close = (a: ArrayLike<number>, b: number[], tol = 1e-12, what = '') => {
  assert.is(a.length, b.length, what);
  for (let i = 0; i < b.length; i++) assert.ok(Math.abs(a[i] - b[i]) <= tol, `${what}[${i}]: ${a[i]} vs ${b[i]}`);
};

const terminal: Segment = { rewards: [2, 4, 8, 16, 32], values: [0, 0, 0, 0, 0], ended: [0, 0, 0, 0, 1], bootstrap: [0, 0, 0, 0, 0], lastValue: 99 };

test('discounted returns of [2, 4, 8, 16, 32] at γ = 0.5 are [10, 16, 24, 32, 32]', () => {
  close(discountedReturns(terminal, 0.5), [10, 16, 24, 32, 32]);
  close(nStepReturns(terminal, 0.5, 5), [10, 16, 24, 32, 32]);
});

test('two-step returns bootstrap from the value two steps on, and from the last value at the segment end', () => {
  // values 1..5, no episode end, value after the segment 6, γ = 0.5:
  // G0 = 2 + 0.5·4 + 0.25·V2 = 4 + 0.25·3 = 4.75; G1 = 4 + 4 + 0.25·4 = 9; G2 = 8 + 8 + 0.25·5 = 17.25
  // G3 = 16 + 16 + 0.25·6 = 33.5; G4 = 32 + 0.5·6 = 35
  const s: Segment = { rewards: [2, 4, 8, 16, 32], values: [1, 2, 3, 4, 5], ended: [0, 0, 0, 0, 0], bootstrap: [0, 0, 0, 0, 0], lastValue: 6 };
  close(nStepReturns(s, 0.5, 2), [4.75, 9, 17.25, 33.5, 35]);
  // one-step returns are r + γV(next): [2 + 1, 4 + 1.5, 8 + 2, 16 + 2.5, 32 + 3]
  close(nStepReturns(s, 0.5, 1), [3, 5.5, 10, 18.5, 35]);
});

test('an episode end stops the sum: terminated adds nothing, truncated adds γ·V(final observation)', () => {
  // episode 1 = steps 0-1 truncated with V(final) = 10; episode 2 = steps 2-3 terminated; γ = 0.5
  const s: Segment = { rewards: [1, 1, 1, 1], values: [0, 0, 0, 0], ended: [0, 1, 0, 1], bootstrap: [0, 10, 0, 0], lastValue: 99 };
  // G1 = 1 + 0.5·10 = 6, G0 = 1 + 0.5·6 = 4; G3 = 1, G2 = 1.5
  close(discountedReturns(s, 0.5), [4, 6, 1.5, 1]);
});

test('GAE with λ = 1 is the discounted return minus the value', () => {
  const s: Segment = { rewards: [0.5, -1, 2, 0, 3, 1], values: [0.3, -0.2, 1.1, 0.4, 0.9, 2], ended: [0, 0, 1, 0, 0, 0], bootstrap: [0, 0, 0.7, 0, 0, 0], lastValue: 1.5 };
  for (const gamma of [0.5, 0.9, 0.99]) {
    const g = discountedReturns(s, gamma);
    const { advantages, returns } = gae(s, gamma, 1);
    close(
      advantages,
      Array.from(g, (x, i) => x - s.values[i]),
      1e-12,
      `γ=${gamma}`,
    );
    close(returns, Array.from(g), 1e-12, `returns γ=${gamma}`);
  }
});

test('GAE with λ = 0 is the one-step TD error r + γV(next) − V', () => {
  const s: Segment = { rewards: [0.5, -1, 2, 0], values: [0.3, -0.2, 1.1, 0.4], ended: [0, 1, 0, 0], bootstrap: [0, 5, 0, 0], lastValue: 1.5 };
  const gamma = 0.9;
  // by hand: δ0 = 0.5 + 0.9·(−0.2) − 0.3 = 0.02; δ1 = −1 + 0.9·5 + 0.2 = 3.7 (truncated: bootstrap 5)
  //          δ2 = 2 + 0.9·0.4 − 1.1 = 1.26; δ3 = 0 + 0.9·1.5 − 0.4 = 0.95
  close(gae(s, gamma, 0).advantages, [0.02, 3.7, 1.26, 0.95], 1e-12);
});

test('GAE with λ = 0.5 on a hand-worked segment', () => {
  // γ = 1, values 0, rewards [1, 1, 1], not ended, last value 0: δ = [1, 1, 1]
  // Â2 = 1, Â1 = 1 + 0.5·1 = 1.5, Â0 = 1 + 0.5·1.5 = 1.75
  const s: Segment = { rewards: [1, 1, 1], values: [0, 0, 0], ended: [0, 0, 0], bootstrap: [0, 0, 0], lastValue: 0 };
  close(gae(s, 1, 0.5).advantages, [1.75, 1.5, 1]);
});

test.run();

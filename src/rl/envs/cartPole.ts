/**
 * CartPole, the cart-and-pole balancing task of Barto, Sutton & Anderson (1983), "Neuronlike
 * adaptive elements that can solve difficult learning control problems", IEEE SMC-13(5), with the
 * constants and conventions of Gymnasium's CartPole-v1 (its documentation of cartpole.py):
 *
 *   gravity g = 9.8, cart mass m_c = 1.0, pole mass m_p = 0.1, pole half-length l = 0.5,
 *   force magnitude 10 (action 0 pushes left, 1 right), time step τ = 0.02 s, explicit Euler,
 *   failure when |θ| > 12° or |x| > 2.4, reward 1 for every step taken (the failing one included),
 *   start state uniform on [−0.05, 0.05]⁴, episodes truncated after 500 steps (the registry's
 *   TimeLimit; CartPole-v1's limit).
 *
 * Dynamics (the paper's equations without friction, as Florian 2007 rederives them):
 *
 *   temp = (F + m_p·l·θ̇²·sin θ) / (m_c + m_p)
 *   θ̈   = (g·sin θ − cos θ·temp) / (l·(4/3 − m_p·cos²θ / (m_c + m_p)))
 *   ẍ   = temp − m_p·l·θ̈·cos θ / (m_c + m_p)
 *
 * then x ← x + τẋ, ẋ ← ẋ + τẍ, θ ← θ + τθ̇, θ̇ ← θ̇ + τθ̈ (positions advance with the old
 * velocities). The state is kept in double precision and observed as float32.
 */
import { Rng } from '../../util/rng.js';
import type { Env, ResetArgs, ResetResult, StepResult } from '../env.js';
import { box, discrete } from '../spaces.js';

export const CARTPOLE = Object.freeze({
  gravity: 9.8,
  massCart: 1.0,
  massPole: 0.1,
  halfLength: 0.5,
  forceMagnitude: 10,
  tau: 0.02,
  thetaThreshold: (12 * 2 * Math.PI) / 360,
  xThreshold: 2.4,
  /** CartPole-v1's episode limit (applied by the registry's TimeLimit). */
  maxEpisodeSteps: 500,
});

const FLOAT32_MAX = 3.4028234663852886e38;

export class CartPole implements Env {
  // the bounds Gymnasium declares: twice the failure thresholds, velocities unbounded (float32's largest value)
  readonly observationSpace = box(
    [-2 * CARTPOLE.xThreshold, -FLOAT32_MAX, -2 * CARTPOLE.thetaThreshold, -FLOAT32_MAX],
    [2 * CARTPOLE.xThreshold, FLOAT32_MAX, 2 * CARTPOLE.thetaThreshold, FLOAT32_MAX],
  );
  readonly actionSpace = discrete(2);
  readonly observationNames = ['cart_position', 'cart_velocity', 'pole_angle', 'pole_angular_velocity'] as const;
  private rng = new Rng(0); // replaced by the first seeded reset; unseeded use is still deterministic
  private state = new Float64Array(4);
  private done = true;

  /**
   * A new episode from a state drawn uniformly on [low, high]⁴ (options `low`, `high`; default
   * ±0.05, Gymnasium's reset bounds option).
   */
  reset(args: ResetArgs = {}): ResetResult {
    if (args.seed !== undefined) this.rng = new Rng(args.seed);
    const low = typeof args.options?.low === 'number' ? args.options.low : -0.05;
    const high = typeof args.options?.high === 'number' ? args.options.high : 0.05;
    if (!(low <= high)) throw new RangeError(`CartPole: reset bounds [${low}, ${high}]`);
    for (let i = 0; i < 4; i++) this.state[i] = low + (high - low) * this.rng.uniform();
    this.done = false;
    return { observation: Float32Array.from(this.state), info: {} };
  }

  step(action: number): StepResult {
    if (this.done) throw new Error('CartPole: step called on a finished episode (call reset first)');
    if (action !== 0 && action !== 1) throw new RangeError(`CartPole: expected action 0 or 1, got ${action}`);
    const { gravity, massCart, massPole, halfLength, forceMagnitude, tau } = CARTPOLE;
    const [x, xDot, theta, thetaDot] = this.state;
    const force = action === 1 ? forceMagnitude : -forceMagnitude;
    const totalMass = massCart + massPole;
    const poleMassLength = massPole * halfLength;
    const cos = Math.cos(theta);
    const sin = Math.sin(theta);
    const temp = (force + poleMassLength * thetaDot * thetaDot * sin) / totalMass;
    const thetaAcc = (gravity * sin - cos * temp) / (halfLength * (4 / 3 - (massPole * cos * cos) / totalMass));
    const xAcc = temp - (poleMassLength * thetaAcc * cos) / totalMass;
    this.state[0] = x + tau * xDot;
    this.state[1] = xDot + tau * xAcc;
    this.state[2] = theta + tau * thetaDot;
    this.state[3] = thetaDot + tau * thetaAcc;
    const terminated = Math.abs(this.state[0]) > CARTPOLE.xThreshold || Math.abs(this.state[2]) > CARTPOLE.thetaThreshold;
    this.done = terminated;
    return { observation: Float32Array.from(this.state), reward: 1, terminated, truncated: false, info: {} };
  }
}

/**
 * The implied-volatility surface against hand-worked values: the EWMA forecast after one return
 * (λ = 2^(−dt/halfLife) = 0.5 with a step equal to the half-life), the term structure's
 * averaging weight (1 − e^{−κT})/(κT), the drawdown and the skew slope it steepens, and the smile.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { VolSurface, type SurfaceParams } from '../../../src/protocols/options/surface.js';

const close = (got: number, want: number, tol: number, what: string) => assert.ok(Math.abs(got - want) <= tol, `${what}: got ${got}, want ${want}`);

const params: SurfaceParams = { longRunVol: 0.5, halfLife: 3600, meanReversion: 52, premium: 1, skew: 0.3, skewPerDrawdown: 2, curvature: 0.5, minVol: 0.01, maxVol: 20 };

test('the forecast: one EWMA update from the long-run level', () => {
  const s = new VolSurface(params, 3600);
  close(s.variance, 0.25, 1e-15, 'starts at longRunVol²');
  s.observe(100);
  close(s.variance, 0.25, 1e-15, 'no return before the second price');
  s.observe(110);
  // r = ln 1.1 = 0.0953102; v = 0.5 × 0.25 + 0.5 × r² × 8760 (steps of an hour in a year) = 0.125 + 39.788053 = 39.913053
  close(s.variance, 39.913053, 1e-5, 'variance');
  close(s.atmVol(0), Math.sqrt(39.913053), 1e-6, 'ATM vol at T → 0 is the forecast');
  // T = 7 days, κ = 52: w = (1 − e^{−0.997260}) / 0.997260 = 0.632845; σ² = 0.25 + (39.913053 − 0.25) × 0.632845 = 25.350570
  close(s.atmVol(7 / 365), Math.sqrt(25.35057), 1e-5, 'ATM vol at 7 days');
});

test('the skew steepens with the drawdown', () => {
  const s = new VolSurface({ ...params, halfLife: 1e9 }, 60); // a forecast that barely moves
  s.observe(100);
  assert.is(s.drawdown, 0);
  close(s.skewSlope, 0.3, 1e-15, 'slope at the peak');
  const T = 30 / 365;
  const atm = s.atmVol(T);
  // a 90 % strike: k = ln 0.9 = −0.1053605; shape = 1 + 0.3 × 0.1053605 + 0.5 × 0.0111008 = 1.0371586
  close(s.vol(100, 90, T) / atm, 1.0371586, 1e-6, 'put wing at the peak');
  s.observe(80);
  close(s.drawdown, 0.2, 1e-15, 'drawdown 20 %');
  close(s.skewSlope, 0.7, 1e-15, 'slope 0.3 + 2 × 0.2');
  // at spot 80, strike 72 is again k = ln 0.9: shape = 1 + 0.7 × 0.1053605 + 0.0055504 = 1.0793028
  close(s.vol(80, 72, T) / s.atmVol(T), 1.0793028, 1e-6, 'put wing after the fall');
  // calls lose volatility as puts gain it: a 110 % strike below the ATM level once the slope is steep
  assert.ok(s.vol(80, 88, T) < s.atmVol(T));
});

test.run();

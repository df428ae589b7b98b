/**
 * Reference price paths for all assets of a scenario, from one seeded `Rng`.
 *
 * Two phases, so that the expensive part runs once per scenario and not once per path:
 * `prepareMarket` reads CSVs, fits GARCH models and factorises the correlation matrix;
 * `PreparedMarket.generate(steps, rng)` draws one path per asset. `generateReferencePaths` does
 * both. Correlated normals are L·ε with L the Cholesky factor of the correlation matrix
 * (Glasserman, Monte Carlo Methods in Financial Engineering, 2003, §2.3.3).
 *
 * Draw order (fixed, so the same seed gives the same bytes):
 *  1. for each step k = 1..steps: one standard normal per asset listed in
 *     `market.correlations.assets`, in that order, mixed by L;
 *  2. then asset by asset in the order given: an uncorrelated gbm / jump-diffusion asset draws its
 *     `steps` diffusion normals, then (jump-diffusion) its jumps step by step; a garch-t asset its
 *     GARCH and bridge draws; constant, piecewise and csv assets draw nothing.
 * Adding or removing a random asset therefore changes the draws of the assets after it.
 */
import { InputError } from '../util/errors.js';
import type { Rng } from '../util/rng.js';
import { cholesky } from './cholesky.js';
import { loadReplay, replayCoverage, replayPath, type LoadedReplay, type SpecLocation } from './csvReplay.js';
import { garchTPath, type GarchTParameters } from './garchT.js';
import { fitGarchTFromCsv } from './garchFit.js';
import { gbmPathInPlace } from './gbm.js';
import { jumpDiffusionPathInPlace } from './jumpDiffusion.js';
import { piecewisePath } from './piecewise.js';
import type { MarketSpec, PriceProcessSpec } from './schema.js';

export interface AssetPriceSpec {
  id: string;
  spec: PriceProcessSpec;
}

export interface MarketOptions {
  /** The scenario file, named in errors that are the scenario's fault. */
  scenarioFile?: string;
  /**
   * Field path of `field` in asset `id`'s price spec, for error messages. Default
   * `assets.<id>.price.<field>` (the id-keyed path form of `scenario/fieldPath.ts`).
   */
  fieldOf?: (assetId: string, field: string) => string;
}

type Compiled =
  | { kind: 'constant'; price: number }
  | { kind: 'gbm'; spec: Extract<PriceProcessSpec, { process: 'gbm' }> }
  | { kind: 'jump-diffusion'; spec: Extract<PriceProcessSpec, { process: 'jump-diffusion' }> }
  | { kind: 'piecewise'; spec: Extract<PriceProcessSpec, { process: 'piecewise' }> }
  | { kind: 'csv'; replay: LoadedReplay }
  | { kind: 'garch-t'; price: number; params: GarchTParameters; period: number };

/** A market ready to draw paths: files read, models fitted, correlations factorised. */
export class PreparedMarket {
  /** Asset ids in output order. */
  readonly ids: string[];
  /** Time step in seconds. */
  readonly dt: number;
  /** The GARCH parameters actually used per garch-t asset (given or fitted), for reports. */
  readonly garchParameters: Record<string, GarchTParameters>;
  /** CSV replays by asset id, e.g. to warn when the horizon runs past the data. */
  readonly replays: Record<string, LoadedReplay>;
  private readonly compiled: Compiled[];
  /** Output index of each correlated asset, in the order of `correlations.assets`. */
  private readonly correlated: Int32Array;
  private readonly isCorrelated: Uint8Array;
  private readonly chol: Float64Array;
  private readonly scenarioFile: string | undefined;
  private readonly fieldOf: (assetId: string, field: string) => string;

  constructor(assets: AssetPriceSpec[], market: MarketSpec, baseDir: string, options: MarketOptions = {}) {
    const fieldOf = options.fieldOf ?? ((id: string, f: string) => `assets.${id}.price.${f}`);
    this.scenarioFile = options.scenarioFile;
    this.fieldOf = fieldOf;
    this.ids = assets.map((a) => a.id);
    this.dt = market.dt;
    this.garchParameters = {};
    this.replays = {};
    const index = new Map<string, number>();
    assets.forEach((a, i) => {
      if (index.has(a.id)) throw new InputError(`asset ${a.id} appears twice`, options.scenarioFile, undefined, `assets[${i}].id`);
      index.set(a.id, i);
    });

    this.compiled = assets.map(({ id, spec }) => {
      const where: SpecLocation = { scenarioFile: options.scenarioFile, field: (f) => fieldOf(id, f) };
      switch (spec.process) {
        case 'constant':
          return { kind: 'constant', price: spec.price };
        case 'gbm':
          return { kind: 'gbm', spec };
        case 'jump-diffusion':
          return { kind: 'jump-diffusion', spec };
        case 'piecewise':
          return { kind: 'piecewise', spec };
        case 'csv': {
          const replay = loadReplay(spec, baseDir, where);
          this.replays[id] = replay;
          return { kind: 'csv', replay };
        }
        case 'garch-t': {
          const params: GarchTParameters = spec.params ? { ...spec.params, gamma: spec.params.gamma ?? 0 } : fitGarchTFromCsv(spec.fitFrom!, spec.period, baseDir, where);
          this.garchParameters[id] = params;
          return { kind: 'garch-t', price: spec.price, params, period: spec.period };
        }
      }
    });

    const corr = market.correlations;
    this.isCorrelated = new Uint8Array(assets.length);
    if (corr) {
      this.correlated = new Int32Array(corr.assets.length);
      corr.assets.forEach((id, i) => {
        const field = `market.correlations.assets[${i}]`;
        const at = index.get(id);
        if (at === undefined) throw new InputError(`no asset with id ${id}`, options.scenarioFile, undefined, field);
        const kind = assets[at].spec.process;
        if (kind !== 'gbm' && kind !== 'jump-diffusion') {
          throw new InputError(`asset ${id} has process ${kind}; only gbm and jump-diffusion assets have a Brownian part to correlate`, options.scenarioFile, undefined, field);
        }
        if (this.isCorrelated[at]) throw new InputError(`asset ${id} is listed twice`, options.scenarioFile, undefined, field);
        this.isCorrelated[at] = 1;
        this.correlated[i] = at;
      });
      try {
        this.chol = cholesky(corr.matrix);
      } catch (e) {
        throw new InputError((e as Error).message, options.scenarioFile, undefined, 'market.correlations.matrix');
      }
    } else {
      this.correlated = new Int32Array(0);
      this.chol = new Float64Array(0);
    }
  }

  /**
   * Things a user should hear about before trusting a run of `steps` steps: CSV replays whose
   * data end before the horizon (the last price is then held flat).
   */
  warnings(steps: number): string[] {
    const out: string[] = [];
    const horizon = steps * this.dt;
    for (const [id, replay] of Object.entries(this.replays)) {
      const covered = replayCoverage(replay);
      if (covered < horizon) {
        out.push(
          `asset ${id}: the price data in ${replay.file} end ${formatSeconds(horizon - covered)} before the horizon; the last price ${replay.prices[replay.prices.length - 1]} is held from there`,
        );
      }
    }
    return out;
  }

  /**
   * One path per asset (in `ids` order), each a Float64Array of `steps + 1` prices at times
   * 0, dt, …, steps·dt. Pass `out` (same shape) to reuse buffers across paths.
   */
  generate(steps: number, rng: Rng, out?: Float64Array[]): Float64Array[] {
    if (!Number.isInteger(steps) || steps < 0) throw new RangeError(`steps must be a non-negative integer, got ${steps}`);
    const n = this.compiled.length;
    const paths = out ?? this.compiled.map(() => new Float64Array(steps + 1));
    if (paths.length !== n || paths.some((p) => p.length < steps + 1)) {
      throw new RangeError(`out must hold ${n} arrays of at least ${steps + 1} entries`);
    }
    const dt = this.dt;

    const d = this.correlated.length;
    if (d > 0) {
      const eps = new Float64Array(d);
      const l = this.chol;
      const targets = Array.from(this.correlated, (i) => paths[i]);
      for (let k = 1; k <= steps; k++) {
        for (let i = 0; i < d; i++) eps[i] = rng.normal();
        for (let i = 0; i < d; i++) {
          let s = 0;
          const row = i * d;
          for (let m = 0; m <= i; m++) s += l[row + m] * eps[m];
          targets[i][k] = s;
        }
      }
    }

    for (let a = 0; a < n; a++) {
      const c = this.compiled[a];
      const path = paths[a];
      switch (c.kind) {
        case 'constant':
          path.fill(c.price, 0, steps + 1);
          break;
        case 'gbm':
          if (!this.isCorrelated[a]) for (let k = 1; k <= steps; k++) path[k] = rng.normal();
          gbmPathInPlace(path, steps, c.spec, dt);
          break;
        case 'jump-diffusion':
          if (!this.isCorrelated[a]) for (let k = 1; k <= steps; k++) path[k] = rng.normal();
          jumpDiffusionPathInPlace(path, steps, c.spec, dt, rng);
          break;
        case 'piecewise':
          piecewisePath(path, steps, c.spec, dt);
          break;
        case 'csv':
          replayPath(path, steps, c.replay, dt);
          break;
        case 'garch-t':
          garchTPath(path, steps, c.price, c.params, c.period, dt, rng);
          break;
      }
      this.checkRepresentable(a, path, steps);
    }
    return paths;
  }

  /**
   * Every input is bounded (util/bounds.ts), but some combinations still leave the numbers a
   * price can have: jumps of e^5 ten thousand times a year overflow, a steep fall underflows to 0.
   * Such a path would turn into Infinity and NaN results, so it is refused as bad input instead.
   */
  private checkRepresentable(a: number, path: Float64Array, steps: number): void {
    for (let k = 0; k <= steps; k++) {
      const p = path[k];
      if (p > 0 && p < Infinity) continue;
      const what = p === 0 ? 'falls to 0 (below the smallest positive number)' : p > 0 ? 'overflows to Infinity' : `becomes ${p}`;
      throw new InputError(
        `the price of ${this.ids[a]} ${what} at ${formatSeconds(k * this.dt)}; its parameters are too extreme to simulate`,
        this.scenarioFile,
        undefined,
        this.fieldOf(this.ids[a], 'process'),
      );
    }
  }
}

function formatSeconds(s: number): string {
  if (s >= 86400) return `${+(s / 86400).toFixed(2)} d`;
  if (s >= 3600) return `${+(s / 3600).toFixed(2)} h`;
  if (s >= 60) return `${+(s / 60).toFixed(2)} min`;
  return `${s} s`;
}

/** Reads files, fits models and checks correlations once; then call `.generate(steps, rng)` per path. */
export function prepareMarket(assets: AssetPriceSpec[], market: MarketSpec, baseDir: string, options?: MarketOptions): PreparedMarket {
  return new PreparedMarket(assets, market, baseDir, options);
}

/**
 * One reference price path per asset (same order as `assets`), each of length `steps + 1` with
 * index 0 the initial price, at times k·market.dt. Relative CSV paths resolve against `baseDir`
 * (the scenario file's folder). For many paths of one scenario, `prepareMarket` once and call
 * `generate` per path instead: the result is identical.
 */
export function generateReferencePaths(assets: AssetPriceSpec[], market: MarketSpec, steps: number, rng: Rng, baseDir: string, options?: MarketOptions): Float64Array[] {
  return prepareMarket(assets, market, baseDir, options).generate(steps, rng);
}

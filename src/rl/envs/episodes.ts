/**
 * Where an environment's episodes come from: the scenario (a file with `--set` overrides, or one
 * already loaded), its training distribution (`rl.training`: a scale on crash and jump sizes, and
 * weighted variants of the scenario), and the seeds. Each episode is one path of one variant of
 * the scenario, built with the ordinary `buildWorld` and the environment's agent factory.
 *
 * Seeding follows Gymnasium: `reset({ seed })` makes the episode a function of that seed alone
 * (the world's seed is the caller's seed; the variant and the shock scale are drawn from a stream
 * derived from it); a reset without a seed takes the next seed from the environment's own stream,
 * itself re-seeded by every seeded reset, so a run is a function of its first seed. `options`
 * choose the variant (`variant`: its index) or the scale (`shockScale`: a number) outright, as an
 * evaluation on held-out shock sizes does.
 */
import type { LoadedScenario } from '../../scenario/load.js';
import { loadScenario, parseScenario } from '../../scenario/load.js';
import type { Scenario, ShockSpec } from '../../scenario/schema.js';
import { draw, type NumberOrDistribution } from '../../scenario/distribution.js';
import { formatPath } from '../../scenario/fieldPath.js';
import { InputError } from '../../util/errors.js';
import { deriveSeed, Rng } from '../../util/rng.js';

/** How an environment is made: the scenario and what its episodes keep. */
export interface EnvConfig {
  /** A scenario file, or a scenario already loaded (its `source` is needed for `rl.training.variants`). */
  scenario: string | LoadedScenario;
  /** `--set` overrides of the file (with a path; a loaded scenario carries its own). */
  overrides?: string[];
  /** Check the accounting invariants at every step (slow: for tests). */
  checkInvariants?: boolean;
  /** Keep each episode's event log (the lines of events.jsonl) on its world, for inspection. */
  recordEvents?: boolean;
}

export function loadEnvScenario(config: EnvConfig): LoadedScenario {
  return typeof config.scenario === 'string' ? loadScenario(config.scenario, config.overrides ?? []) : config.scenario;
}

/** What one episode was drawn as. */
export interface EpisodeDraw {
  /** The world's seed. */
  seed: number;
  /** Index of the variant in `rl.training.variants` (−1: the scenario as written). */
  variant: number;
  /** Factor applied to every crash and jump magnitude (1: as written). */
  shockScale: number;
  loaded: LoadedScenario;
}

/** Purpose of the stream an episode's variant and shock scale are drawn from (beside the world's own streams). */
const EPISODE_STREAM = 0x726c;
/** Seeds drawn for unseeded resets stay below 2^47: exact, and clear of the scenario's range of hand-written seeds. */
const SEED_SPAN = 2 ** 47;

/** `k` × a number or a distribution, as a distribution of the same family (the draws scale exactly). */
export function scaleDistribution(d: NumberOrDistribution, k: number): NumberOrDistribution {
  if (typeof d === 'number') return d * k;
  switch (d.distribution) {
    case 'fixed':
      return { ...d, value: d.value * k };
    case 'uniform':
      return k >= 0 ? { ...d, min: d.min * k, max: d.max * k } : { ...d, min: d.max * k, max: d.min * k };
    case 'normal':
      return { ...d, mean: d.mean * k, sd: d.sd * Math.abs(k) };
    case 'lognormal':
      return { ...d, median: d.median * k };
    case 'choice':
      return { ...d, values: d.values.map((v) => v * k) };
  }
}

/** The scenario with every crash and jump magnitude × k (the simulator clamps a crash below 100 %). */
export function scaleShocks(s: Scenario, k: number): Scenario {
  if (k === 1) return s;
  const shocks = s.shocks.map((sh): ShockSpec => (sh.kind === 'crash' || sh.kind === 'jump' ? { ...sh, magnitude: scaleDistribution(sh.magnitude, k) } : sh));
  return { ...s, shocks };
}

export class EpisodeSource {
  /** The variants, each loaded once: the scenario with its overrides, then the variant's. */
  private readonly variants: { loaded: LoadedScenario; weight: number }[];
  private rng: Rng;

  constructor(
    readonly base: LoadedScenario,
    /** The environment's in-memory changes to every variant (an added agent, a position it owns). */
    private readonly transform: (s: Scenario) => Scenario,
  ) {
    const list = base.scenario.rl?.training?.variants ?? [];
    if (list.length > 0 && base.source === undefined) throw new Error('rl.training.variants: the scenario was loaded without its text, so its variants cannot be applied');
    this.variants = list.map((v, i) => {
      const flags = v.set.map((_, j) => `${base.file} ${formatPath(['rl', 'training', 'variants', i, 'set', j])}`);
      return { loaded: parseScenario(base.source!, base.file, [...base.overrides, ...v.set], [...base.overrides.map(() => '--set'), ...flags]), weight: v.weight };
    });
    if (list.length > 0 && !this.variants.some((v) => v.weight > 0)) {
      throw new InputError('expected at least one variant with a positive weight', base.file, undefined, 'rl.training.variants');
    }
    this.rng = new Rng(deriveSeed(base.scenario.seed, EPISODE_STREAM));
  }

  get variantCount(): number {
    return this.variants.length;
  }

  /** The scenario of the first episode's kind, for building the probe world an environment reads its names from. */
  probe(): LoadedScenario {
    return this.withChanges(this.base, 1);
  }

  private withChanges(loaded: LoadedScenario, shockScale: number): LoadedScenario {
    return { ...loaded, scenario: this.transform(scaleShocks(loaded.scenario, shockScale)) };
  }

  private pickVariant(rng: Rng): number {
    if (this.variants.length === 0) return -1;
    const total = this.variants.reduce((a, v) => a + v.weight, 0);
    let u = rng.uniform() * total;
    for (let i = 0; i < this.variants.length; i++) {
      u -= this.variants[i].weight;
      if (u < 0 && this.variants[i].weight > 0) return i;
    }
    return this.variants.findLastIndex((v) => v.weight > 0);
  }

  /** The next episode: its seed, its variant and shock scale (drawn, or chosen by `options`). */
  next(seed: number | undefined, options: Record<string, unknown> = {}): EpisodeDraw {
    if (seed !== undefined) {
      if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`reset: expected a seed that is an integer from 0 to 2^53 − 1, got ${seed}`);
      this.rng = new Rng(deriveSeed(seed, EPISODE_STREAM));
    }
    const episodeSeed = seed ?? Math.floor(this.rng.uniform() * SEED_SPAN);
    const own = new Rng(deriveSeed(episodeSeed, EPISODE_STREAM));
    let variant = this.pickVariant(own);
    if (options.variant !== undefined) {
      const v = options.variant;
      if (!(typeof v === 'number' && Number.isInteger(v) && v >= -1 && v < this.variants.length)) {
        throw new RangeError(`reset: options.variant must be −1 (the scenario as written) or an index below ${this.variants.length}, got ${String(v)}`);
      }
      variant = v;
    }
    const spec = this.base.scenario.rl?.training?.shockScale;
    let shockScale = spec === undefined ? 1 : draw(spec, own);
    if (options.shockScale !== undefined) {
      const k = options.shockScale;
      if (!(typeof k === 'number' && Number.isFinite(k))) throw new RangeError(`reset: options.shockScale must be a finite number, got ${String(k)}`);
      shockScale = k;
    }
    const loaded = variant < 0 ? this.base : this.variants[variant].loaded;
    return { seed: episodeSeed, variant, shockScale, loaded: this.withChanges(loaded, shockScale) };
  }
}

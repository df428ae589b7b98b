/**
 * Checks that a structurally valid scenario also makes sense as a whole: every id it refers to
 * exists and is of the right kind, ids are unique, and files it names can be read. Returns the
 * first problem with its field path, or null.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Scenario, OracleSource } from './schema.js';

export interface ReferenceProblem {
  path: (string | number)[];
  message: string;
}

function venueAssets(v: Scenario['venues'][number]): string[] {
  return v.kind === 'stableswap' ? v.assets : [v.base, v.quote];
}

/** The value of a magnitude given as a number or a `fixed` distribution; undefined when it is drawn. */
function fixed(d: unknown): number | undefined {
  if (typeof d === 'number') return d;
  return d && typeof d === 'object' && 'value' in d ? Number(d.value) : undefined;
}

export function checkReferences(s: Scenario, baseDir: string): ReferenceProblem | null {
  const assets = new Set(s.assets.map((a) => a.id));
  const venues = new Map(s.venues.map((v) => [v.id, v]));
  const oracles = new Map(s.oracles.map((o) => [o.id, o]));
  const protocols = new Map(s.protocols.map((p) => [p.id, p]));
  const seen = new Map<string, string>();
  const expectId = (set: { has(k: string): boolean }, kind: string, value: string, path: (string | number)[]): ReferenceProblem | null =>
    set.has(value) ? null : { path, message: `expected the id of ${kind}, got "${value}"` };

  const groups: [string, { id: string }[]][] = [
    ['assets', s.assets],
    ['venues', s.venues],
    ['oracles', s.oracles],
    ['protocols', s.protocols],
    ['agents', s.agents],
  ];
  for (const [group, items] of groups) {
    for (let i = 0; i < items.length; i++) {
      const prev = seen.get(items[i].id);
      if (prev) return { path: [group, i, 'id'], message: `id "${items[i].id}" is already used by ${prev}` };
      seen.set(items[i].id, `${group}[${i}]`);
    }
  }

  for (let i = 0; i < s.assets.length; i++) {
    const a = s.assets[i];
    if (a.issuer && !protocols.has(a.issuer)) return { path: ['assets', i, 'issuer'], message: `expected the id of a protocol, got "${a.issuer}"` };
    if (a.price.process === 'csv' && !existsSync(resolve(baseDir, a.price.file))) {
      return { path: ['assets', i, 'price', 'file'], message: `file not found: ${a.price.file}` };
    }
  }
  if (s.market.correlations) {
    for (let j = 0; j < s.market.correlations.assets.length; j++) {
      const p = expectId(assets, 'an asset', s.market.correlations.assets[j], ['market', 'correlations', 'assets', j]);
      if (p) return p;
    }
  }

  for (let i = 0; i < s.venues.length; i++) {
    const v = s.venues[i];
    const list = venueAssets(v);
    for (let j = 0; j < list.length; j++) {
      const path = v.kind === 'stableswap' ? ['venues', i, 'assets', j] : ['venues', i, j === 0 ? 'base' : 'quote'];
      const p = expectId(assets, 'an asset', list[j], path);
      if (p) return p;
    }
    if (new Set(list).size !== list.length) return { path: ['venues', i], message: 'expected distinct assets in a venue' };
  }

  const checkSource = (src: OracleSource, asset: string, path: (string | number)[]): ReferenceProblem | null => {
    if (src.kind === 'median') {
      for (let j = 0; j < src.sources.length; j++) {
        const p = checkSource(src.sources[j], asset, [...path, 'sources', j]);
        if (p) return p;
      }
      return null;
    }
    if (src.kind === 'reference') return null;
    const v = venues.get(src.venue);
    if (!v) return { path: [...path, 'venue'], message: `expected the id of a venue, got "${src.venue}"` };
    if (!venueAssets(v).includes(asset)) return { path: [...path, 'venue'], message: `venue "${src.venue}" does not trade ${asset}` };
    return null;
  };
  for (let i = 0; i < s.oracles.length; i++) {
    const o = s.oracles[i];
    const p = expectId(assets, 'an asset', o.asset, ['oracles', i, 'asset']) ?? checkSource(o.source, o.asset, ['oracles', i, 'source']);
    if (p) return p;
  }

  for (let i = 0; i < s.protocols.length; i++) {
    const proto = s.protocols[i];
    const reserveAssets = new Set<string>();
    for (let r = 0; r < proto.reserves.length; r++) {
      const res = proto.reserves[r];
      const base: (string | number)[] = ['protocols', i, 'reserves', r];
      const p = expectId(assets, 'an asset', res.asset, [...base, 'asset']) ?? expectId(oracles, 'an oracle', res.oracle, [...base, 'oracle']);
      if (p) return p;
      if (oracles.get(res.oracle)!.asset !== res.asset) {
        return { path: [...base, 'oracle'], message: `oracle "${res.oracle}" prices ${oracles.get(res.oracle)!.asset}, not ${res.asset}` };
      }
      if (reserveAssets.has(res.asset)) return { path: [...base, 'asset'], message: `${res.asset} is listed twice` };
      reserveAssets.add(res.asset);
    }
    for (let k = 0; k < proto.positions.length; k++) {
      const pos = proto.positions[k];
      const base: (string | number)[] = ['protocols', i, 'positions', k];
      if ('file' in pos) {
        if (!existsSync(resolve(baseDir, pos.file))) return { path: [...base, 'file'], message: `file not found: ${pos.file}` };
        continue;
      }
      for (const side of ['collateral', 'debt'] as const) {
        if (!reserveAssets.has(pos[side])) return { path: [...base, side], message: `expected an asset with a reserve in ${proto.id}, got "${pos[side]}"` };
      }
      if (pos.collateral === pos.debt) return { path: [...base, 'debt'], message: 'expected a debt asset different from the collateral' };
    }
  }

  for (let i = 0; i < s.agents.length; i++) {
    const a = s.agents[i];
    const base: (string | number)[] = ['agents', i];
    if (a.kind === 'liquidator') {
      for (let j = 0; j < a.protocols.length; j++) {
        const p = expectId(protocols, 'a protocol', a.protocols[j], [...base, 'protocols', j]);
        if (p) return p;
      }
    }
    if (a.kind === 'arbitrageur') {
      for (let j = 0; j < a.venues.length; j++) {
        const p = expectId(venues, 'a venue', a.venues[j], [...base, 'venues', j]);
        if (p) return p;
      }
    }
    if (a.kind === 'liquidator' || a.kind === 'arbitrageur') {
      for (const k of Object.keys(a.capital)) {
        const p = expectId(assets, 'an asset', k, [...base, 'capital', k]);
        if (p) return p;
      }
    }
    if (a.kind === 'borrower-cohort') {
      const p = expectId(protocols, 'a protocol', a.protocol, [...base, 'protocol']);
      if (p) return p;
    }
    if (a.kind === 'lp') {
      const p = expectId(venues, 'a venue', a.venue, [...base, 'venue']);
      if (p) return p;
    }
  }

  for (let i = 0; i < s.shocks.length; i++) {
    const sh = s.shocks[i];
    const base: (string | number)[] = ['shocks', i];
    let p: ReferenceProblem | null = null;
    if (sh.kind === 'crash' || sh.kind === 'jump' || sh.kind === 'depeg') p = expectId(assets, 'an asset', sh.asset, [...base, 'asset']);
    else if (sh.kind === 'liquidity-withdrawal') p = expectId(venues, 'a venue', sh.venue, [...base, 'venue']);
    else p = expectId(oracles, 'an oracle', sh.oracle, [...base, 'oracle']);
    if (p) return p;
    // fixed magnitudes outside their meaningful range (drawn ones are clamped into it per path)
    if (sh.kind === 'crash' && fixed(sh.magnitude) !== undefined && !(fixed(sh.magnitude)! < 1)) {
      return { path: [...base, 'magnitude'], message: `expected a fall below 1 (0.4 = 40 %), got ${fixed(sh.magnitude)}` };
    }
    if (sh.kind === 'jump' && fixed(sh.magnitude) !== undefined && !(fixed(sh.magnitude)! > -1)) {
      return { path: [...base, 'magnitude'], message: `expected a move above -1 (0.2 = +20 %), got ${fixed(sh.magnitude)}` };
    }
    if (sh.kind === 'depeg' && fixed(sh.level) !== undefined && !(fixed(sh.level)! > 0)) {
      return { path: [...base, 'level'], message: `expected a positive price level, got ${fixed(sh.level)}` };
    }
    if (sh.kind === 'oracle-manipulation' && fixed(sh.factor) !== undefined && !(fixed(sh.factor)! > 0)) {
      return { path: [...base, 'factor'], message: `expected a positive price multiplier, got ${fixed(sh.factor)}` };
    }
    if (sh.kind === 'liquidity-withdrawal' && fixed(sh.factor) !== undefined && !(fixed(sh.factor)! > 0 && fixed(sh.factor)! <= 1)) {
      return { path: [...base, 'factor'], message: `expected the share of liquidity kept, in (0, 1], got ${fixed(sh.factor)}` };
    }
    if (sh.start > s.horizon) return { path: [...base, 'start'], message: `expected a start within the horizon (${s.horizon} s), got ${sh.start} s` };
  }
  const p = expectId(assets, 'an asset', s.chain.nativeAsset, ['chain', 'nativeAsset']);
  if (p) return p;
  if (s.horizon / s.market.dt > 10_000_000) return { path: ['horizon'], message: 'expected at most 10,000,000 steps (horizon / market.dt)' };
  return null;
}

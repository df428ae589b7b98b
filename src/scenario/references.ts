/**
 * Checks that a structurally valid scenario also makes sense as a whole: every id it refers to
 * exists and is of the right kind, ids are unique, and files it names can be read. Returns the
 * first problem with its field path, or null.
 */
import { join, resolve } from 'node:path';
import { inputFileProblem } from '../util/inputFile.js';
import { POSITIONS_MAX } from '../util/bounds.js';
import type { Scenario, OracleSource, LendingSpec, CdpSpec, OptionsSpec } from './schema.js';
import { bounds, type NumberOrDistribution } from './distribution.js';
import { checkGovernance } from './governanceReferences.js';
import { checkRl } from './rlReferences.js';

export interface ReferenceProblem {
  path: (string | number)[];
  message: string;
}

/** Why a file a scenario names cannot be read (missing, a folder, a pipe, too large), or null. */
function fileProblem(baseDir: string, file: string, path: (string | number)[]): ReferenceProblem | null {
  const problem = inputFileProblem(resolve(baseDir, file));
  return problem ? { path, message: `${problem}: ${file}` } : null;
}

function venueAssets(v: Scenario['venues'][number]): string[] {
  return v.kind === 'stableswap' ? v.assets : [v.base, v.quote];
}

/** An asset's price at time 0 where its process states one (a CSV or piecewise path is not read here). */
function startPrice(s: Scenario, asset: string): number | undefined {
  const price = s.assets.find((a) => a.id === asset)?.price;
  return price && 'price' in price && typeof price.price === 'number' ? price.price : undefined;
}

/** Largest relative move a depeg may make without `absolute: true`: beyond it the level was likely meant in other units. */
const MAX_DEPEG_MOVE = 0.9;

/**
 * A depeg's peg must be an asset, and its level must not move the price by more than 90 % (a USD
 * level given for an asset priced in thousands): judged at the prices of time 0 where the price
 * processes state them, exactly for the default peg (the level is then the ratio itself).
 */
function checkDepeg(s: Scenario, sh: Extract<Scenario['shocks'][number], { kind: 'depeg' }>, base: (string | number)[]): ReferenceProblem | null {
  if (sh.absolute && sh.peg !== undefined) return { path: [...base, 'absolute'], message: 'expected either peg or absolute: true, not both (absolute reads the level in USD)' };
  if (typeof sh.peg === 'string' && !s.assets.some((a) => a.id === sh.peg))
    return unknownId(
      'an asset',
      sh.peg,
      s.assets.map((a) => a.id),
      [...base, 'peg'],
    );
  if (sh.absolute) return null;
  const b = bounds(sh.level);
  if (!b) return null;
  const own = startPrice(s, sh.asset);
  const pegPrice = typeof sh.peg === 'number' ? sh.peg : typeof sh.peg === 'string' ? startPrice(s, sh.peg) : own;
  if (own === undefined || pegPrice === undefined) return null;
  for (const level of b) {
    const move = (level * pegPrice) / own - 1;
    if (Math.abs(move) > MAX_DEPEG_MOVE) {
      const unit = sh.peg === undefined ? `${sh.asset}'s price at the start` : typeof sh.peg === 'number' ? `a peg of ${sh.peg} USD` : `${sh.peg}'s price`;
      return {
        path: [...base, 'level'],
        message: `expected a level that moves ${sh.asset} by at most 90 % (the level is a multiple of ${unit}; write absolute: true for a USD price), got ${level} (${move > 0 ? '+' : ''}${(move * 100).toFixed(1)} %)`,
      };
    }
  }
  return null;
}

/** An id that names nothing: the message lists the ids there are, so a typo is seen at once. */
function unknownId(kind: string, value: string, known: Iterable<string>, path: (string | number)[]): ReferenceProblem {
  const ids = [...known];
  const list = ids.length === 0 ? 'there are none' : ids.length <= 12 ? `known: ${ids.join(', ')}` : `known: ${ids.slice(0, 12).join(', ')}, … (${ids.length})`;
  return { path, message: `expected the id of ${kind}, got "${value}" (${list})` };
}

export function checkReferences(s: Scenario, baseDir: string): ReferenceProblem | null {
  const assets = new Set(s.assets.map((a) => a.id));
  const venues = new Map(s.venues.map((v) => [v.id, v]));
  const oracles = new Map(s.oracles.map((o) => [o.id, o]));
  const protocols = new Map(s.protocols.map((p) => [p.id, p]));
  const seen = new Map<string, string>();
  const expectId = (set: { has(k: string): boolean; keys(): Iterable<string> }, kind: string, value: string, path: (string | number)[]): ReferenceProblem | null =>
    set.has(value) ? null : unknownId(kind, value, set.keys(), path);
  const expectProtocol = (value: string, kind: 'lending' | 'cdp' | 'options', path: (string | number)[]): ReferenceProblem | null => {
    const proto = protocols.get(value);
    if (!proto)
      return unknownId(
        `a ${kind} protocol`,
        value,
        s.protocols.filter((p) => p.kind === kind).map((p) => p.id),
        path,
      );
    return proto.kind === kind ? null : { path, message: `expected a ${kind} protocol, got "${value}" (kind ${proto.kind})` };
  };

  const groups: [string, { id: string }[]][] = [
    ['assets', s.assets],
    ['venues', s.venues],
    ['oracles', s.oracles],
    ['protocols', s.protocols],
    ['agents', s.agents],
  ];
  for (let i = 0; i < s.assets.length; i++) {
    const pf = s.assets[i].priceFrom;
    if (!pf) continue;
    const path = ['assets', i, 'priceFrom'];
    const bad = expectId(venues, 'a venue', pf.venue, [...path, 'venue']) ?? expectId(assets, 'an asset', pf.quote, [...path, 'quote']);
    if (bad) return bad;
    const traded = venueAssets(venues.get(pf.venue)!);
    if (!traded.includes(s.assets[i].id) || !traded.includes(pf.quote) || pf.quote === s.assets[i].id)
      return { path: [...path, 'quote'], message: `expected venue ${pf.venue} to trade ${s.assets[i].id} against ${pf.quote} (it trades ${traded.join(', ')})` };
    if (s.assets.find((a) => a.id === pf.quote)?.priceFrom) return { path: [...path, 'quote'], message: `expected a quote asset whose own price is not read from a venue, got ${pf.quote}` };
  }
  for (const [group, items] of groups) {
    for (let i = 0; i < items.length; i++) {
      const prev = seen.get(items[i].id);
      if (prev) return { path: [group, i, 'id'], message: `id "${items[i].id}" is already used by ${prev}` };
      seen.set(items[i].id, `${group}[${i}]`);
    }
  }

  for (let i = 0; i < s.assets.length; i++) {
    const a = s.assets[i];
    if (a.issuer && !protocols.has(a.issuer)) return unknownId('a protocol', a.issuer, protocols.keys(), ['assets', i, 'issuer']);
    if (a.price.process === 'csv') {
      const p = fileProblem(baseDir, a.price.file, ['assets', i, 'price', 'file']);
      if (p) return p;
    }
    if (a.price.process === 'garch-t' && a.price.fitFrom) {
      const p = fileProblem(baseDir, a.price.fitFrom.file, ['assets', i, 'price', 'fitFrom', 'file']);
      if (p) return p;
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
    if (!v) return unknownId('a venue', src.venue, venues.keys(), [...path, 'venue']);
    if (!venueAssets(v).includes(asset)) return { path: [...path, 'venue'], message: `venue "${src.venue}" does not trade ${asset}` };
    return null;
  };
  for (let i = 0; i < s.oracles.length; i++) {
    const o = s.oracles[i];
    const p = expectId(assets, 'an asset', o.asset, ['oracles', i, 'asset']) ?? checkSource(o.source, o.asset, ['oracles', i, 'source']);
    if (p) return p;
  }
  /** The venues an oracle's source tree reads, in order of appearance. */
  const venuesRead = (src: OracleSource): string[] => (src.kind === 'median' ? src.sources.flatMap(venuesRead) : src.kind === 'reference' ? [] : [src.venue]);

  const checkLending = (proto: LendingSpec, i: number): ReferenceProblem | null => {
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
        const p = fileProblem(baseDir, pos.file, [...base, 'file']);
        if (p) return p;
        for (const asset of Object.keys(pos.reserveTotals ?? {})) {
          if (!reserveAssets.has(asset))
            return { path: [...base, 'reserveTotals', asset], message: `expected an asset with a reserve in ${proto.id}, got "${asset}" (known: ${[...reserveAssets].join(', ')})` };
        }
        continue;
      }
      if ('owner' in pos && !s.agents.some((a) => a.id === pos.owner)) {
        return unknownId(
          'an agent',
          pos.owner,
          s.agents.map((a) => a.id),
          [...base, 'owner'],
        );
      }
      for (const side of ['collateral', 'debt'] as const) {
        if (!reserveAssets.has(pos[side])) return { path: [...base, side], message: `expected an asset with a reserve in ${proto.id}, got "${pos[side]}" (known: ${[...reserveAssets].join(', ')})` };
      }
      if (pos.collateral === pos.debt) return { path: [...base, 'debt'], message: 'expected a debt asset different from the collateral' };
    }
    const groups = proto.accounts ?? [];
    for (let k = 0; k < groups.length; k++) {
      const base: (string | number)[] = ['protocols', i, 'accounts', k];
      const seen = new Set<string>();
      for (let j = 0; j < groups[k].assets.length; j++) {
        const a = groups[k].assets[j];
        if (!reserveAssets.has(a.asset))
          return { path: [...base, 'assets', j, 'asset'], message: `expected an asset with a reserve in ${proto.id}, got "${a.asset}" (known: ${[...reserveAssets].join(', ')})` };
        if (seen.has(a.asset)) return { path: [...base, 'assets', j, 'asset'], message: `${a.asset} is listed twice` };
        seen.add(a.asset);
      }
      if (!groups[k].assets.some((a) => a.collateral !== undefined && a.collateral !== 0 && a.usedAsCollateral !== false)) {
        return { path: [...base, 'assets'], message: 'expected at least one asset with a collateral weight that is used as collateral' };
      }
    }
    return null;
  };

  const checkCdp = (proto: CdpSpec, i: number): ReferenceProblem | null => {
    const base: (string | number)[] = ['protocols', i];
    const p = expectId(assets, 'an asset', proto.stablecoin, [...base, 'stablecoin']);
    if (p) return p;
    const stable = s.assets.find((a) => a.id === proto.stablecoin)!;
    if (stable.issuer !== proto.id) {
      return { path: [...base, 'stablecoin'], message: `expected an asset issued by ${proto.id} (set issuer: ${proto.id} on asset ${proto.stablecoin})` };
    }
    if (proto.governanceToken !== undefined) {
      const g = expectId(assets, 'an asset', proto.governanceToken, [...base, 'governanceToken']);
      if (g) return g;
      if (proto.governanceToken === proto.stablecoin) return { path: [...base, 'governanceToken'], message: 'expected an asset other than the stablecoin' };
    }
    if (proto.debtAuction && proto.governanceToken === undefined) {
      return { path: [...base, 'debtAuction'], message: 'expected a governanceToken for debt auctions to mint' };
    }
    const ilkIds = new Set<string>();
    for (let k = 0; k < proto.ilks.length; k++) {
      const ilk = proto.ilks[k];
      const ib: (string | number)[] = [...base, 'ilks', k];
      if (ilkIds.has(ilk.id)) return { path: [...ib, 'id'], message: `vault type "${ilk.id}" is listed twice` };
      ilkIds.add(ilk.id);
      const q = expectId(assets, 'an asset', ilk.asset, [...ib, 'asset']) ?? expectId(oracles, 'an oracle', ilk.oracle, [...ib, 'oracle']);
      if (q) return q;
      if (oracles.get(ilk.oracle)!.asset !== ilk.asset) {
        return { path: [...ib, 'oracle'], message: `oracle "${ilk.oracle}" prices ${oracles.get(ilk.oracle)!.asset}, not ${ilk.asset}` };
      }
      if (ilk.asset === proto.stablecoin) return { path: [...ib, 'asset'], message: 'expected a collateral other than the stablecoin' };
    }
    for (let k = 0; k < proto.vaults.length; k++) {
      const v = proto.vaults[k];
      const vb: (string | number)[] = [...base, 'vaults', k];
      if ('file' in v) {
        const p = fileProblem(baseDir, v.file, [...vb, 'file']);
        if (p) return p;
        continue;
      }
      if (!ilkIds.has(v.ilk)) return { path: [...vb, 'ilk'], message: `expected a vault type of ${proto.id}, got "${v.ilk}" (known: ${[...ilkIds].join(', ')})` };
    }
    return null;
  };

  const checkOptions = (proto: OptionsSpec, i: number): ReferenceProblem | null => {
    const base: (string | number)[] = ['protocols', i];
    const p =
      expectId(assets, 'an asset', proto.underlying, [...base, 'underlying']) ??
      expectId(assets, 'an asset', proto.settlement, [...base, 'settlement']) ??
      expectId(oracles, 'an oracle', proto.oracle, [...base, 'oracle']);
    if (p) return p;
    if (proto.settlement === proto.underlying) return { path: [...base, 'settlement'], message: 'expected a settlement asset other than the underlying' };
    if (oracles.get(proto.oracle)!.asset !== proto.underlying) {
      return { path: [...base, 'oracle'], message: `oracle "${proto.oracle}" prices ${oracles.get(proto.oracle)!.asset}, not ${proto.underlying}` };
    }
    for (let k = 0; k < proto.positions.length; k++) {
      const pos = proto.positions[k];
      const pb: (string | number)[] = [...base, 'positions', k];
      if (!proto.strikes.includes(pos.strike)) return { path: [...pb, 'strike'], message: `expected one of ${proto.id}'s strikes (${proto.strikes.join(', ')}), got ${pos.strike}` };
      if (!proto.expiries.includes(pos.expiry)) return { path: [...pb, 'expiry'], message: `expected one of ${proto.id}'s expiries (${proto.expiries.join(', ')} s), got ${pos.expiry} s` };
      if (pos.collateral !== proto.settlement && pos.collateral !== proto.underlying) {
        return { path: [...pb, 'collateral'], message: `expected ${proto.settlement} or ${proto.underlying} (the settlement asset or the underlying), got "${pos.collateral}"` };
      }
    }
    return null;
  };

  for (let i = 0; i < s.protocols.length; i++) {
    const proto = s.protocols[i];
    const p = proto.kind === 'lending' ? checkLending(proto, i) : proto.kind === 'cdp' ? checkCdp(proto, i) : checkOptions(proto, i);
    if (p) return p;
  }

  for (let i = 0; i < s.agents.length; i++) {
    const a = s.agents[i];
    const base: (string | number)[] = ['agents', i];
    if (a.kind === 'policy') {
      // the folder's contents (a liquidator policy fitting this scenario) are the RL layer's to check
      const p = fileProblem(baseDir, join(a.policy, 'policy.json'), [...base, 'policy']);
      if (p) return { path: p.path, message: `expected a policy folder written by aftershock train (${p.message})` };
    }
    if (a.kind === 'liquidator' || a.kind === 'policy') {
      for (let j = 0; j < a.protocols.length; j++) {
        const p = expectProtocol(a.protocols[j], 'lending', [...base, 'protocols', j]);
        if (p) return p;
      }
    }
    if (a.kind === 'vault-owners') {
      const p = expectProtocol(a.cdp, 'cdp', [...base, 'cdp']);
      if (p) return p;
    }
    if (a.kind === 'keeper') {
      for (let j = 0; j < a.cdps.length; j++) {
        const p = expectProtocol(a.cdps[j], 'cdp', [...base, 'cdps', j]);
        if (p) return p;
      }
    }
    if (a.kind === 'arbitrageur') {
      for (let j = 0; j < a.venues.length; j++) {
        const p = expectId(venues, 'a venue', a.venues[j], [...base, 'venues', j]);
        if (p) return p;
      }
    }
    if (a.kind === 'option-liquidator' || a.kind === 'option-market-maker') {
      for (let j = 0; j < a.protocols.length; j++) {
        const p = expectProtocol(a.protocols[j], 'options', [...base, 'protocols', j]);
        if (p) return p;
      }
    }
    if (a.kind === 'option-liquidator' && a.hedgeVenues) {
      for (let j = 0; j < a.hedgeVenues.length; j++) {
        const path = [...base, 'hedgeVenues', j];
        const p = expectId(venues, 'a venue', a.hedgeVenues[j], path);
        if (p) return p;
        const traded = venueAssets(venues.get(a.hedgeVenues[j])!);
        for (const pid of a.protocols) {
          const o = protocols.get(pid) as OptionsSpec;
          if (!traded.includes(o.underlying) || !traded.includes(o.settlement))
            return { path, message: `venue "${a.hedgeVenues[j]}" does not trade ${o.underlying} against ${o.settlement} (${pid}'s underlying and settlement asset)` };
        }
      }
    }
    if (a.kind === 'option-vault') {
      const p = expectProtocol(a.protocol, 'options', [...base, 'protocol']);
      if (p) return p;
      const o = protocols.get(a.protocol) as OptionsSpec;
      if (a.lending !== undefined) {
        const q = expectProtocol(a.lending, 'lending', [...base, 'lending']);
        if (q) return q;
        const collateral = a.strategy === 'covered-call' ? o.underlying : o.settlement;
        const m = protocols.get(a.lending) as LendingSpec;
        if (!m.reserves.some((r) => r.asset === collateral))
          return { path: [...base, 'lending'], message: `expected a lending market with a ${collateral} reserve (the ${a.strategy} vault's collateral), got "${a.lending}"` };
      }
    }
    if (a.kind === 'psm-arbitrageur') {
      const p = expectProtocol(a.cdp, 'cdp', [...base, 'cdp']);
      if (p) return p;
      const cdp = protocols.get(a.cdp) as CdpSpec;
      const ilk = cdp.ilks.find((x) => x.id === a.psm);
      if (!ilk?.psm)
        return {
          path: [...base, 'psm'],
          message: `expected a peg stability module of ${a.cdp} (a vault type with psm), got "${a.psm}"${
            cdp.ilks.some((x) => x.psm)
              ? ` (known: ${cdp.ilks
                  .filter((x) => x.psm)
                  .map((x) => x.id)
                  .join(', ')})`
              : ''
          }`,
        };
      for (let j = 0; j < a.venues.length; j++) {
        const q = expectId(venues, 'a venue', a.venues[j], [...base, 'venues', j]);
        if (q) return q;
        if (!venueAssets(venues.get(a.venues[j])!).includes(cdp.stablecoin)) return { path: [...base, 'venues', j], message: `expected a venue that trades ${cdp.stablecoin}, got "${a.venues[j]}"` };
      }
    }
    if (
      a.kind === 'liquidator' ||
      a.kind === 'arbitrageur' ||
      a.kind === 'keeper' ||
      a.kind === 'option-liquidator' ||
      a.kind === 'option-vault' ||
      a.kind === 'option-market-maker' ||
      a.kind === 'psm-arbitrageur'
    ) {
      for (const k of Object.keys(a.capital)) {
        const p = expectId(assets, 'an asset', k, [...base, 'capital', k]);
        if (p) return p;
      }
    }
    if (a.kind === 'borrower-cohort') {
      const p = expectProtocol(a.protocol, 'lending', [...base, 'protocol']);
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
    else if (sh.kind === 'gas-spike') {
      if (!s.chain.congestion) p = { path: [...base, 'kind'], message: 'a gas spike raises background demand: configure chain.congestion (with blockTime and gasLimit)' };
    } else if (sh.kind === 'exploit') {
      p = expectId(protocols, 'a protocol', sh.protocol, [...base, 'protocol']);
      const proto = protocols.get(sh.protocol);
      if (!p && sh.asset !== undefined && proto) {
        const held = proto.kind === 'lending' ? proto.reserves.map((r) => r.asset) : proto.kind === 'options' ? [proto.settlement, proto.underlying] : proto.ilks.map((k) => k.asset);
        if (!held.includes(sh.asset))
          p = {
            path: [...base, 'asset'],
            message: `expected an asset ${proto.kind === 'lending' ? 'with a reserve' : proto.kind === 'options' ? 'held as collateral' : 'used as collateral'} in ${proto.id}, got "${sh.asset}"`,
          };
      }
    } else p = expectId(oracles, 'an oracle', sh.oracle, [...base, 'oracle']);
    if (!p && sh.kind === 'oracle-manipulation' && sh.venue !== undefined) {
      const read = [...new Set(venuesRead(oracles.get(sh.oracle)!.source))];
      if (!read.includes(sh.venue)) {
        const expected = read.length ? `one of the venues oracle "${sh.oracle}" reads (${read.join(', ')})` : `no venue: oracle "${sh.oracle}" reads none`;
        p = { path: [...base, 'venue'], message: `expected ${expected}, got "${sh.venue}"` };
      }
    }
    if (p) return p;
    // magnitudes that can only fall outside their meaningful range (unbounded draws are clamped per path)
    const range = (what: string, d: NumberOrDistribution, ok: (x: number) => boolean, expected: string): ReferenceProblem | null => {
      const b = bounds(d);
      if (!b || (ok(b[0]) && ok(b[1]))) return null;
      const got = b[0] === b[1] ? `${b[0]}` : `values from ${b[0]} to ${b[1]}`;
      return { path: [...base, what], message: `expected ${expected}, got ${got}` };
    };
    if (sh.kind === 'crash') p = range('magnitude', sh.magnitude, (x) => x < 1, 'a fall below 1 (0.4 = 40 %)');
    if (sh.kind === 'jump') p = range('magnitude', sh.magnitude, (x) => x > -1, 'a move above -1 (0.2 = +20 %)');
    if (sh.kind === 'depeg') p = range('level', sh.level, (x) => x > 0, 'a positive price level') ?? checkDepeg(s, sh, base);
    if (sh.kind === 'oracle-manipulation') p = range('factor', sh.factor, (x) => x > 0, 'a positive price multiplier');
    if (sh.kind === 'liquidity-withdrawal') p = range('factor', sh.factor, (x) => x > 0 && x <= 1, 'the share of liquidity kept, in (0, 1]');
    if (sh.kind === 'gas-spike') p = range('factor', sh.factor, (x) => x >= 0, 'a non-negative demand multiplier');
    if (sh.kind === 'exploit') p = range('share', sh.share, (x) => x >= 0 && x <= 1, 'the share drained, in [0, 1]');
    if (p) return p;
    if (sh.start > s.horizon) return { path: [...base, 'start'], message: `expected a start within the horizon (${s.horizon} s), got ${sh.start} s` };
  }
  const p = expectId(assets, 'an asset', s.chain.nativeAsset, ['chain', 'nativeAsset']);
  if (p) return p;
  for (const pid of Object.keys(s.contagion.capital)) {
    const q = expectId(protocols, 'a protocol', pid, ['contagion', 'capital', pid]);
    if (q) return q;
  }
  let drawn = 0;
  for (let i = 0; i < s.protocols.length; i++) {
    const proto = s.protocols[i];
    const lists: [string, object[]][] = proto.kind === 'cdp' ? [['vaults', proto.vaults]] : [['positions', proto.positions]];
    if (proto.kind === 'lending' && proto.accounts) lists.push(['accounts', proto.accounts]);
    for (const [field, list] of lists) {
      for (let k = 0; k < list.length; k++) {
        const item = list[k];
        drawn += 'count' in item ? (item.count as number) : 0;
        if (drawn > POSITIONS_MAX) {
          return {
            path: ['protocols', i, field, k, 'count'],
            message: `expected at most ${POSITIONS_MAX.toLocaleString('en-US')} drawn positions, accounts and vaults in all, got ${drawn.toLocaleString('en-US')} by here`,
          };
        }
      }
    }
  }
  if (s.horizon / s.market.dt > 10_000_000) return { path: ['horizon'], message: 'expected at most 10,000,000 steps (horizon / market.dt)' };
  return checkGovernance(s) ?? checkRl(s);
}

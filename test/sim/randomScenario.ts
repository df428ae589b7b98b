/**
 * Random valid scenarios for property tests, drawn with fast-check's `gen` so failures shrink:
 * 2–4 assets with gbm or constant prices, constant-product / stableswap / depth-curve venues,
 * reference / spot / twap / median oracles, a lending market with random reserves and 20–200
 * positions, the four agent kinds and random shocks. Every draw stays inside the schema's ranges,
 * so the loader must accept each scenario.
 */
import fc from 'fast-check';

type Gen = fc.GeneratorValue;

const int = (g: Gen, min: number, max: number) => g(fc.integer, { min, max });
/**
 * A number in [min, max] on a grid of a million steps. (fc.double favours extremes such as 1e-300,
 * which would make every capital and bonus vanish and every run trivially quiet.)
 */
const real = (g: Gen, min: number, max: number) => min + ((max - min) * g(fc.integer, { min: 0, max: 1_000_000 })) / 1_000_000;
/** A scale (capital, depth, size) spread evenly over orders of magnitude. */
const logReal = (g: Gen, min: number, max: number) => Math.exp(real(g, Math.log(min), Math.log(max)));
const bool = (g: Gen) => g(fc.boolean);
function pick<T>(g: Gen, xs: readonly T[]): T {
  return xs[int(g, 0, xs.length - 1)];
}
/** A non-empty subset, in the original order. */
function subset<T>(g: Gen, xs: readonly T[], min = 1): T[] {
  const chosen = xs.filter(() => bool(g));
  return chosen.length >= min ? chosen : xs.slice(0, min);
}

/** A random scenario, as the plain object a YAML file would hold. */
export function randomScenario(g: Gen): Record<string, unknown> {
  const nAssets = int(g, 2, 4);
  const assets: { id: string; price: number; stable: boolean; gbm: boolean; vol: number }[] = [];
  for (let i = 0; i < nAssets; i++) {
    // the first asset pays gas and is volatile; the others are volatile or stable at 1 USD
    const stable = i > 0 && bool(g);
    const price = stable ? 1 : logReal(g, 0.5, 5000);
    const gbm = bool(g);
    assets.push({ id: `A${i}`, price, stable, gbm, vol: gbm ? real(g, 0, stable ? 0.05 : 1.5) : 0 });
  }
  const gbmAssets = assets.filter((a) => a.gbm);
  let correlations: unknown;
  if (gbmAssets.length >= 2 && bool(g)) {
    // one-factor correlations ρ_ij = b_i·b_j (|b| < 1) are always a valid correlation matrix
    const b = gbmAssets.map(() => real(g, -0.95, 0.95));
    correlations = { assets: gbmAssets.map((a) => a.id), matrix: b.map((bi, i) => b.map((bj, j) => (i === j ? 1 : bi * bj))) };
  }

  const venues: Record<string, unknown>[] = [];
  const venueAssets = new Map<string, string[]>();
  const nVenues = int(g, 1, 3);
  for (let k = 0; k < nVenues; k++) {
    const id = `V${k}`;
    const kind = pick(g, ['constant-product', 'stableswap', 'depth-curve'] as const);
    const stables = assets.filter((a) => a.stable);
    if (kind === 'stableswap' && stables.length >= 2) {
      const members = subset(g, stables, 2);
      venues.push({ id, kind, assets: members.map((a) => a.id), balances: members.map(() => logReal(g, 1e4, 1e8)), amplification: real(g, 1, 2000), feeBps: real(g, 0, 50) });
      venueAssets.set(
        id,
        members.map((a) => a.id),
      );
      continue;
    }
    const base = int(g, 0, nAssets - 1);
    const quote = (base + int(g, 1, nAssets - 1)) % nAssets;
    const [b, q] = [assets[base], assets[quote]];
    if (kind === 'depth-curve') {
      venues.push({ id, kind, base: b.id, quote: q.id, depth2pct: logReal(g, 1e3, 1e8), resilience: real(g, 0, 0.01) });
    } else {
      // a pool priced at the reference, up to ±5 % off
      const depthUsd = logReal(g, 1e4, 1e8);
      const off = 1 + real(g, -0.05, 0.05);
      venues.push({ id, kind: 'constant-product', base: b.id, quote: q.id, reserves: [depthUsd / b.price, (depthUsd * off) / q.price], feeBps: real(g, 0, 100) });
    }
    venueAssets.set(id, [b.id, q.id]);
  }

  // one oracle per asset, reading the reference, a venue that trades it, or a median of those
  const oracles = assets.map((a) => {
    const trading = [...venueAssets].filter(([, as]) => as.includes(a.id)).map(([v]) => v);
    const leaf = (): unknown => {
      const kind = trading.length ? pick(g, ['reference', 'spot', 'twap'] as const) : 'reference';
      if (kind === 'reference') return { kind };
      const venue = pick(g, trading);
      return kind === 'spot' ? { kind, venue } : { kind, venue, window: int(g, 60, 3600) };
    };
    const source = bool(g) ? leaf() : { kind: 'median', sources: Array.from({ length: int(g, 1, 3) }, leaf) };
    return { id: `O${a.id}`, asset: a.id, source, delay: pick(g, [0, 0, 60, 600, 1800]), heartbeat: int(g, 60, 7200), deviation: real(g, 0, 0.05) };
  });

  const reserveAssets = subset(g, assets, 2);
  const reserves = reserveAssets.map((a) => {
    const liquidationThreshold = real(g, 0.3, 0.95);
    return { asset: a.id, oracle: `O${a.id}`, ltv: liquidationThreshold * real(g, 0.5, 1), liquidationThreshold, liquidationBonus: real(g, 0, 0.2) };
  });
  const positionGroups = Array.from({ length: int(g, 1, 2) }, () => {
    const c = int(g, 0, reserveAssets.length - 1);
    const d = (c + int(g, 1, reserveAssets.length - 1)) % reserveAssets.length;
    const size = pick(g, ['fixed', 'lognormal', 'uniform'] as const);
    return {
      count: int(g, 10, 100),
      collateral: reserveAssets[c].id,
      debt: reserveAssets[d].id,
      size:
        size === 'fixed'
          ? logReal(g, 100, 1e6)
          : size === 'lognormal'
            ? { distribution: 'lognormal', median: logReal(g, 100, 1e5), sigma: real(g, 0, 2) }
            : { distribution: 'uniform', min: logReal(g, 100, 1e4), max: logReal(g, 1e4, 1e6) },
      // some positions may start liquidatable (health factor below 1)
      healthFactor: { distribution: 'uniform', min: real(g, 0.7, 1.1), max: real(g, 1.1, 2.5) },
    };
  });
  const protocol = {
    id: 'lender',
    kind: 'lending',
    reserves,
    closeFactor: real(g, 0.1, 1),
    closeFactorHealthFactor: real(g, 0.5, 1),
    positions: positionGroups,
  };

  const capital = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, logReal(g, 1e3, 1e8) / assets.find((a) => a.id === id)!.price]));
  const venueIds = [...venueAssets.keys()];
  const agents: Record<string, unknown>[] = [];
  const nLiq = int(g, 1, 2);
  for (let k = 0; k < nLiq; k++) {
    agents.push({
      id: `liq${k}`,
      kind: 'liquidator',
      protocols: ['lender'],
      capital: capital(
        bool(g) || bool(g)
          ? assets.map((a) => a.id)
          : subset(
              g,
              assets.map((a) => a.id),
            ),
      ),
      latency: pick(g, [0, 60, 600]),
      gasBid: bool(g) ? { kind: 'fixed', gwei: real(g, 1, 500) } : { kind: 'multiple', factor: real(g, 0.5, 3) },
      minProfit: real(g, 0, 100),
      maxPerStep: int(g, 1, 50),
    });
  }
  if (bool(g)) {
    agents.push({
      id: 'arb',
      kind: 'arbitrageur',
      venues: subset(g, venueIds),
      capital: capital(
        subset(
          g,
          assets.map((a) => a.id),
        ),
      ),
      aggressiveness: real(g, 0.01, 1),
      minProfit: real(g, 0, 100),
    });
  }
  if (bool(g)) {
    const alert = real(g, 1.01, 1.5);
    agents.push({
      id: 'cohort',
      kind: 'borrower-cohort',
      protocol: 'lender',
      share: real(g, 0, 1),
      alertHealthFactor: alert,
      targetHealthFactor: alert + real(g, 0.01, 1),
      latency: pick(g, [0, 60, 1800]),
      action: pick(g, ['top-up', 'repay'] as const),
    });
  }
  if (bool(g)) {
    agents.push({ id: 'lp', kind: 'lp', venue: pick(g, venueIds), volatilityThreshold: real(g, 0.01, 3), window: int(g, 120, 3600), withdrawShare: real(g, 0.01, 0.99) });
  }

  const horizon = int(g, 1, 3) * 3600;
  const start = () => int(g, 0, horizon);
  const shocks: Record<string, unknown>[] = [];
  const nShocks = int(g, 0, 3);
  for (let k = 0; k < nShocks; k++) {
    const kind = pick(g, ['crash', 'jump', 'depeg', 'oracle-freeze', 'oracle-delay', 'oracle-manipulation', 'liquidity-withdrawal'] as const);
    const asset = pick(g, assets).id;
    switch (kind) {
      case 'crash':
        shocks.push({ kind, asset, start: start(), duration: int(g, 0, 7200), magnitude: bool(g) ? real(g, 0, 0.9) : { distribution: 'uniform', min: 0, max: real(g, 0, 0.9) } });
        break;
      case 'jump':
        shocks.push({ kind, asset, start: start(), duration: int(g, 0, 3600), magnitude: real(g, -0.5, 2) });
        break;
      case 'depeg':
        shocks.push({ kind, asset, start: start(), duration: int(g, 0, 3600), level: real(g, 0.3, 1.2) });
        break;
      case 'oracle-freeze':
        shocks.push({ kind, oracle: `O${asset}`, start: start(), duration: int(g, 60, 7200) });
        break;
      case 'oracle-delay':
        shocks.push({ kind, oracle: `O${asset}`, start: start(), delay: int(g, 0, 3600) });
        break;
      case 'oracle-manipulation':
        shocks.push({ kind, oracle: `O${asset}`, start: start(), duration: int(g, 60, 3600), factor: real(g, 0.3, 3) });
        break;
      case 'liquidity-withdrawal':
        shocks.push({ kind, venue: pick(g, venueIds), start: start(), factor: bool(g) ? real(g, 0.01, 1) : { distribution: 'uniform', min: 0.01, max: 1 } });
        break;
    }
  }

  return {
    name: 'random',
    seed: int(g, 0, 1_000_000),
    horizon,
    market: { dt: pick(g, [30, 60, 120]), ...(correlations ? { correlations } : {}) },
    assets: assets.map((a) => ({ id: a.id, stable: a.stable, price: a.gbm ? { process: 'gbm', price: a.price, volatility: a.vol, drift: real(g, -1, 1) } : { process: 'constant', price: a.price } })),
    venues,
    oracles,
    protocols: [protocol],
    agents,
    shocks,
    chain: { nativeAsset: 'A0', gasPrice: real(g, 1, 300) },
    options: { amplification: bool(g) },
  };
}

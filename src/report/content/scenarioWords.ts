/**
 * The scenario in words, for a reader who will not open the YAML: its assets and how their prices
 * move, the venues, the oracles, the protocols with the parameters that decide liquidations, the
 * agents and the shocks. Read loosely (as plain data, not through the schema's types), so a field
 * added to the schema later is simply not mentioned rather than breaking the report.
 */
import type { Block } from './document.js';
import { amount, duration, pct, usd } from './format.js';

type Obj = Record<string, unknown>;
const obj = (x: unknown): Obj => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Obj) : {});
const list = (x: unknown): Obj[] => (Array.isArray(x) ? x.map(obj) : []);
const str = (x: unknown): string => (x === undefined || x === null ? '' : String(x));

/** A number or a distribution as the scenario wrote it. */
function dist(x: unknown, f: (v: number) => string = (v) => String(v)): string {
  if (typeof x === 'number') return f(x);
  const d = obj(x);
  switch (d.distribution) {
    case 'uniform':
      return `uniform ${f(Number(d.min))}–${f(Number(d.max))}`;
    case 'normal':
      return `normal (mean ${f(Number(d.mean))}, sd ${f(Number(d.sd))})`;
    case 'lognormal':
      return `lognormal (median ${f(Number(d.median))}, σ ${d.sigma})`;
    case 'fixed':
      return f(Number(d.value));
    case 'choice':
      return `one of ${(d.values as number[]).map(f).join(', ')}`;
    default:
      return JSON.stringify(x);
  }
}

function priceProcess(p: Obj): string {
  switch (p.process) {
    case 'constant':
      return `constant at ${p.price}`;
    case 'gbm':
      return `GBM from ${p.price}, volatility ${pct(Number(p.volatility), 0)} a year${p.drift ? `, drift ${pct(Number(p.drift), 0)}` : ''}`;
    case 'jump-diffusion':
      return `jump-diffusion from ${p.price}, volatility ${pct(Number(p.volatility), 0)}, ${p.jumpIntensity} jumps a year`;
    case 'piecewise':
      return `piecewise through ${list(p.keypoints).length} keypoints`;
    case 'csv':
      return `replayed from ${p.file}`;
    case 'garch-t':
      return `GARCH-t from ${p.price}`;
    default:
      return str(p.process);
  }
}

function shock(s: Obj): string {
  const at = `at ${duration(Number(s.start ?? 0))}`;
  const over = Number(s.duration) > 0 ? ` over ${duration(Number(s.duration))}` : '';
  switch (s.kind) {
    case 'crash':
      return `${s.asset} falls by ${dist(s.magnitude, (v) => pct(v, 0))} ${at}${over}`;
    case 'jump':
      return `${s.asset} jumps by ${dist(s.magnitude, (v) => pct(v, 0))} ${at}${over}`;
    case 'depeg':
      return `${s.asset} depegs to ${s.absolute ? `$${dist(s.level)}` : dist(s.level)}${s.peg !== undefined ? ` × ${typeof s.peg === 'number' ? `$${s.peg}` : s.peg}` : ''} ${at}${over}`;
    case 'oracle-freeze':
      return `oracle ${s.oracle} freezes ${at} for ${duration(Number(s.duration))}`;
    case 'oracle-delay':
      return `oracle ${s.oracle} publishes with a ${duration(Number(s.delay))} delay from ${duration(Number(s.start ?? 0))}`;
    case 'oracle-manipulation':
      return `oracle ${s.oracle}${s.venue ? ` (through ${s.venue})` : ''} sees prices × ${dist(s.factor)} ${at}${over}`;
    case 'liquidity-withdrawal':
      return `venue ${s.venue} keeps ${dist(s.factor, (v) => pct(v, 0))} of its liquidity ${at}`;
    case 'gas-spike':
      return `gas demand × ${dist(s.factor)} ${at}${over}`;
    case 'exploit':
      return `exploit drains ${dist(s.share, (v) => pct(v, 0))} of ${s.protocol} ${at}`;
    default:
      return `${s.kind} ${at}`;
  }
}

function protocolTables(p: Obj): Block[] {
  if (p.kind === 'lending') {
    const rows = list(p.reserves).map((r) => [str(r.asset), pct(Number(r.ltv)), pct(Number(r.liquidationThreshold)), pct(Number(r.liquidationBonus))]);
    const positions = list(p.positions).map((x) =>
      x.file
        ? `from ${x.file}`
        : x.owner
          ? `${x.owner}'s own ${x.collateral}→${x.debt} position`
          : `${amount(Number(x.count))} positions ${x.collateral}→${x.debt}, size ${dist(x.size, usd)}, health factor ${dist(x.healthFactor)}`,
    );
    return [
      { kind: 'paragraph', text: `**${p.id}** (lending market, close factor ${pct(Number(p.closeFactor ?? 0.5), 0)}): ${positions.join('; ')}.` },
      { kind: 'table', head: ['reserve', 'LTV', 'liquidation threshold', 'liquidation bonus'], rows, numeric: [false, true, true, true] },
    ];
  }
  if (p.kind === 'cdp') {
    const rows = list(p.ilks).map((i) => {
      const a = obj(i.auction);
      const auction =
        a.kind === 'english'
          ? `English (flip), beg ${pct(Number(a.beg))}, ttl ${duration(Number(a.ttl))}, tau ${duration(Number(a.tau))}`
          : a.kind === 'dutch'
            ? `Dutch (clip), buf ${a.buf}, cusp ${a.cusp}`
            : 'none';
      return [str(i.id), str(i.asset), pct(Number(i.liquidationRatio), 0), pct(Number(i.penalty ?? 0.13), 0), auction];
    });
    const vaults = list(p.vaults).map((v) => (v.file ? `from ${v.file}` : `${amount(Number(v.count))} ${v.ilk} vaults, collateralisation ${dist(v.collateralisation)}`));
    return [
      { kind: 'paragraph', text: `**${p.id}** (CDP system issuing ${p.stablecoin}${p.governanceToken ? `, governance token ${p.governanceToken}` : ''}): ${vaults.join('; ')}.` },
      { kind: 'table', head: ['vault type', 'collateral', 'liquidation ratio', 'penalty', 'auction'], rows, numeric: [false, false, true, true, false] },
    ];
  }
  if (p.kind === 'options') {
    const m = obj(p.margin);
    const surface = obj(p.surface);
    const books = list(p.positions).map(
      (x) =>
        `${amount(Number(x.count))} accounts short ${x.type}s ${x.strike} expiring at ${duration(Number(x.expiry))}, ${dist(x.contracts)} contracts each, ${x.collateral} collateral, health factor ${dist(x.healthFactor)}`,
    );
    return [
      {
        kind: 'paragraph',
        text: `**${p.id}** (option venue on ${p.underlying}, settled in ${p.settlement}; ${m.rule === 'portfolio' ? 'portfolio margin' : 'standard margin'}; implied volatility from ${pct(Number(surface.longRunVol), 0)} with skew steepening by ${surface.skewPerDrawdown ?? 2} per unit of drawdown): strikes ${(Array.isArray(p.strikes) ? p.strikes : []).join(', ')}, expiries ${(Array.isArray(p.expiries) ? p.expiries : []).map((e) => duration(Number(e))).join(', ')}${books.length ? `; ${books.join('; ')}` : ''}.`,
      },
    ];
  }
  return [{ kind: 'paragraph', text: `**${p.id}** (${p.kind}).` }];
}

function agent(a: Obj): string {
  const where = [a.protocol, a.cdp, a.lending, a.venue, ...(Array.isArray(a.protocols) ? a.protocols : []), ...(Array.isArray(a.cdps) ? a.cdps : []), ...(Array.isArray(a.venues) ? a.venues : [])]
    .filter(Boolean)
    .join(', ');
  const extra =
    a.share !== undefined
      ? `, ${pct(Number(a.share), 0)} of ${a.kind === 'vault-owners' ? 'vaults' : 'positions'} (${a.action ?? 'act'})`
      : a.latency !== undefined
        ? `, latency ${duration(Number(a.latency))}`
        : '';
  return `${a.id ?? a.kind} (${a.kind}) on ${where || 'the world'}${extra}`;
}

/** The blocks of the "Scenario" section. */
export function scenarioWords(scenario: unknown): Block[] {
  const s = obj(scenario);
  const market = obj(s.market);
  const blocks: Block[] = [];
  if (s.description) blocks.push({ kind: 'paragraph', text: str(s.description) });
  blocks.push({ kind: 'paragraph', text: `Horizon ${duration(Number(s.horizon))} in steps of ${duration(Number(market.dt))}.` });
  blocks.push({ kind: 'table', head: ['asset', 'price'], rows: list(s.assets).map((a) => [str(a.id), priceProcess(obj(a.price))]) });
  const venues = list(s.venues).map((v) => `${v.id} (${v.kind}${v.feeBps !== undefined ? `, fee ${v.feeBps} bps` : ''})`);
  if (venues.length) blocks.push({ kind: 'paragraph', text: `Venues: ${venues.join('; ')}.` });
  const oracles = list(s.oracles).map((o) => `${o.id} for ${o.asset}${obj(o.source).kind ? ` (${obj(o.source).kind})` : ''}${o.delay ? `, delay ${duration(Number(o.delay))}` : ''}`);
  if (oracles.length) blocks.push({ kind: 'paragraph', text: `Oracles: ${oracles.join('; ')}.` });
  for (const p of list(s.protocols)) blocks.push(...protocolTables(p));
  const agents = list(s.agents).map(agent);
  if (agents.length) blocks.push({ kind: 'paragraph', text: 'Agents:' }, { kind: 'list', items: agents });
  const shocks = list(s.shocks).map(shock);
  if (shocks.length) blocks.push({ kind: 'paragraph', text: 'Shocks:' }, { kind: 'list', items: shocks });
  return blocks;
}

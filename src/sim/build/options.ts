/**
 * Option venues from their scenario specs: the listed series, the margin rule and liquidation
 * terms, the volatility surface, the starting book of option sellers drawn from the scenario's
 * distributions on the path's option-book stream, and an account for each agent that trades on
 * the venue.
 */
import type { OptionsSpec } from '../../scenario/schema.js';
import { draw } from '../../scenario/distribution.js';
import { OptionVenue, type OptionBookRows } from '../../protocols/options/optionVenue.js';
import { seriesIndex } from '../../protocols/options/series.js';
import { STREAM } from './context.js';
import type { BuiltProtocols, ProtocolBuildContext } from './protocols.js';

/** The scenario's agents with an account on venue `id`, in scenario order. */
function tradersOn(ctx: ProtocolBuildContext, id: string): string[] {
  return ctx.scenario.agents.flatMap((a) => {
    if ((a.kind === 'option-liquidator' || a.kind === 'option-market-maker') && a.protocols.includes(id)) return [a.id];
    if (a.kind === 'option-vault' && a.protocol === id) return [a.id];
    return [];
  });
}

export function buildOptionVenues(specs: { spec: OptionsSpec; specIndex: number }[], ctx: ProtocolBuildContext): BuiltProtocols {
  const { reference, assetIndex, ledger } = ctx;
  // a stream of its own: option books never shift the draws of lending positions or vaults
  const rng = ctx.stream(STREAM.optionBooks);
  const protocols = specs.map(({ spec: p }) => {
    const underlying = assetIndex(p.underlying);
    const S0 = reference[underlying];
    const rows: OptionBookRows = { series: [], contracts: [], coin: [], healthFactor: [] };
    for (const g of p.positions) {
      const s = seriesIndex(p.strikes.length, p.strikes.indexOf(g.strike), p.expiries.indexOf(g.expiry), g.type === 'put');
      for (let k = 0; k < g.count; k++) {
        const q = draw(g.contracts, rng);
        const hf = draw(g.healthFactor, rng);
        if (!(q > 0) || !(hf > 0)) continue; // a normal tail below zero is no account at all
        rows.series.push(s);
        rows.contracts.push(q);
        rows.coin.push(g.collateral === p.underlying ? 1 : 0);
        rows.healthFactor.push(hf);
      }
    }
    const traders = tradersOn(ctx, p.id).map((a) => ledger.account(`agent:${a}`));
    return new OptionVenue(
      p.id,
      {
        underlying,
        underlyingId: p.underlying,
        settlement: assetIndex(p.settlement),
        settlementId: p.settlement,
        oracle: ctx.oracleIndex(p.oracle),
        strikes: p.strikes,
        expiries: p.expiries,
        rate: p.rate,
        rule: p.margin.rule,
        standard: { initial: p.margin.initial, initialFloor: p.margin.initialFloor, maintenance: p.margin.maintenance },
        grid: p.margin.grid,
        discount: p.liquidation.discount,
        maxShare: p.liquidation.maxShare,
        minContracts: p.liquidation.minContracts,
        surface: p.surface,
        dt: ctx.dt,
      },
      rows,
      traders,
      S0,
      ledger,
      ledger.accountCount,
    );
  });
  return { protocols, cohortTags: new Map() };
}

/**
 * Option venues from their scenario specs: the listed series, the margin rule and liquidation
 * terms, the volatility surface, the starting book of option sellers drawn from the scenario's
 * distributions on the path's option-book stream, and an account for each agent that trades on
 * the venue.
 */
import type { OptionsSpec } from '../../scenario/schema.js';
import { draw } from '../../scenario/distribution.js';
import { InputError } from '../../util/errors.js';
import { OptionVenue, UnreachableHealthFactor, type OptionBookRows, type OptionVenueParams } from '../../protocols/options/optionVenue.js';
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
  const protocols = specs.map(({ spec: p, specIndex }) => {
    const underlying = assetIndex(p.underlying);
    const S0 = reference[underlying];
    const rows: OptionBookRows = { series: [], contracts: [], coin: [], healthFactor: [] };
    // the group each row was drawn from, to name it in an error
    const groupOf: number[] = [];
    p.positions.forEach((g, gi) => {
      const s = seriesIndex(p.strikes.length, p.strikes.indexOf(g.strike), p.expiries.indexOf(g.expiry), g.type === 'put');
      for (let k = 0; k < g.count; k++) {
        const q = draw(g.contracts, rng);
        const hf = draw(g.healthFactor, rng);
        if (!(q > 0) || !(hf > 0)) continue; // a normal tail below zero is no account at all
        rows.series.push(s);
        rows.contracts.push(q);
        rows.coin.push(g.collateral === p.underlying ? 1 : 0);
        rows.healthFactor.push(hf);
        groupOf.push(gi);
      }
    });
    const traders = tradersOn(ctx, p.id).map((a) => ledger.account(`agent:${a}`));
    const params: OptionVenueParams = {
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
    };
    try {
      return new OptionVenue(p.id, params, rows, traders, S0, ledger, ledger.accountCount);
    } catch (err) {
      if (!(err instanceof UnreachableHealthFactor)) throw err;
      const grid = p.margin.grid;
      throw new InputError(
        `${err.message}: with coin collateral under the portfolio rule it must stay below 1 / (maintenanceFactor × priceRange) = ${(1 / (grid.maintenanceFactor * grid.priceRange)).toPrecision(4)}`,
        ctx.loaded.file,
        undefined,
        `protocols[${specIndex}].positions[${groupOf[err.row]}].healthFactor`,
      );
    }
  });
  return { protocols, cohortTags: new Map() };
}

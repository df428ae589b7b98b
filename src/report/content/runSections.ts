/** The report of one path: what happened, over time, from summary.json, timeseries.csv and events.jsonl. */
import type { RunSummary } from '../summary.js';
import { auctionsChart, lossesChart, pricesChart } from '../charts/timeCharts.js';
import type { Block, ReportDocument } from './document.js';
import { amount, hours, pct, times, usd } from './format.js';
import type { Results } from './readResults.js';
import { methodSection, networkSection, scenarioSection } from './sharedSections.js';

type RunResults = Extract<Results, { kind: 'run' }>;
type Obj = Record<string, unknown>;

function figuresTable(s: RunSummary): Block {
  const ids = Object.keys(s.protocols);
  const col = (f: (p: RunSummary['protocols'][string]) => string) => ids.map((id) => f(s.protocols[id]));
  const rows: string[][] = [
    ['liquidated value', ...col((p) => usd(p.liquidatedValue))],
    ['liquidations (CDP: auctions started)', ...col((p) => amount(p.liquidations))],
    ['debt repaid (CDP: raised by auctions)', ...col((p) => usd(p.debtRepaid))],
    ['bad debt (CDP: deficit at par)', ...col((p) => usd(p.badDebt))],
    ['peak liquidatable debt', ...col((p) => usd(p.peakLiquidatableDebt))],
    ['first bad debt', ...col((p) => hours(p.timeToFirstBadDebt))],
    ['amplification by price feedback', ...col((p) => (p.amplification === null ? 'not measured' : times(p.amplification)))],
  ];
  if (ids.some((id) => s.protocols[id].hedging)) {
    rows.push(
      ['liquidated without hedges (same path)', ...col((p) => (p.hedging ? usd(p.hedging.withoutHedging) : '—'))],
      ['caused by hedging', ...col((p) => (p.hedging ? `${usd(p.hedging.caused)} (${pct(p.hedging.share)})` : '—'))],
    );
  }
  if (ids.some((id) => s.protocols[id].auctions)) {
    rows.push(
      ['auctions finished', ...col((p) => (p.auctions ? amount(p.auctions.count) : '—'))],
      ['auctions won with a zero bid', ...col((p) => (p.auctions ? `${amount(p.auctions.zeroBidWins)} (${pct(p.auctions.count ? p.auctions.zeroBidWins / p.auctions.count : null)})` : '—'))],
      ['collateral sold at zero', ...col((p) => (p.auctions ? usd(p.auctions.collateralSoldAtZero) : '—'))],
      ['deficit (stablecoin)', ...col((p) => amount(p.deficit))],
      ['governance tokens minted', ...col((p) => (p.governanceMinted === undefined ? '—' : `${amount(p.governanceMinted, 0)} (${usd(p.governanceMintedUsd)})`))],
    );
  }
  return { kind: 'table', head: ['', ...ids], rows, numeric: [false, ...ids.map(() => true)] };
}

export function runReport(r: RunResults): ReportDocument {
  const s = r.summary;
  const scenario = 'missing' in r.scenario ? undefined : (r.scenario.scenario as unknown as Obj);
  const oracles = ((scenario?.oracles as Obj[] | undefined) ?? []).map((o) => ({ id: String(o.id), asset: String(o.asset) }));
  const protocols: Obj[] = (scenario?.protocols as Obj[] | undefined) ?? Object.keys(s.protocols).map((id) => ({ id, kind: 'lending' }));
  const lending = protocols.filter((p) => p.kind === 'lending').map((p) => String(p.id));
  const cdps = protocols.filter((p) => p.kind === 'cdp');
  const shockHours = [...new Set(r.events.filter((e) => e.type === 'shock').map((e) => Number(e.time) / 3600))];
  const charts: Block[] = [];
  const prices = pricesChart(r.timeseries, oracles, shockHours);
  if (prices)
    charts.push({
      kind: 'chart',
      id: 'prices',
      title: 'Prices and oracle prices',
      caption: 'Reference price of each asset an oracle prices, against the price the oracle published (dashed red lines: shocks start).',
      spec: prices,
    });
  const losses = lossesChart(
    r.timeseries,
    lending,
    cdps.map((c) => String(c.id)),
    shockHours,
  );
  if (losses)
    charts.push({
      kind: 'chart',
      id: 'losses',
      title: 'Liquidations and bad debt over time',
      caption: 'Cumulative value liquidated and bad debt booked per lending market; for a CDP system the debt of unsafe vaults and its deficit.',
      spec: losses,
    });
  for (const c of cdps) {
    const spec = auctionsChart(r.timeseries, String(c.id), String(c.governanceToken ?? 'governance token'));
    if (spec)
      charts.push({
        kind: 'chart',
        id: `auctions-${c.id}`,
        title: `${c.id}: auctions and debt auctions`,
        caption: 'Collateral auctions running, and governance tokens minted by debt auctions to cover the deficit.',
        spec,
      });
  }
  const headline = `Over ${hours(s.steps * s.dt)}, ${usd(s.liquidatedValue)} of collateral was liquidated in ${amount(s.liquidations)} liquidations, leaving ${usd(s.badDebt)} of bad debt${s.timeToFirstBadDebt !== null ? `, the first after ${hours(s.timeToFirstBadDebt)}` : ''}. The largest oracle deviation from the reference price was ${pct(s.maxOracleDeviation.value)}${s.maxOracleDeviation.oracle ? ` (${s.maxOracleDeviation.oracle}, at ${hours(s.maxOracleDeviation.time)})` : ''}.`;
  const extra: Block[] = [];
  if (s.contagion)
    extra.push({
      kind: 'paragraph',
      text: `Contagion, worst measured step (${hours(s.contagion.time)}): DebtRank systemic loss ${pct(s.contagion.systemicLoss)} of the protocols' equity (${usd(s.contagion.systemicLossUsd)}), ${s.contagion.defaults} protocol(s) in default in the Eisenberg–Noe clearing.`,
    });
  if (s.chain)
    extra.push({
      kind: 'paragraph',
      text: `Block space: ${amount(s.chain.blocks)} blocks; agents' transactions included ${amount(s.chain.included)}, expired unincluded ${amount(s.chain.expired)}, pending at the end ${amount(s.chain.pending)}.`,
    });
  return {
    title: `Stress test: ${s.scenario.name}`,
    subtitle: `One path (path ${s.path}, seed ${s.seed}), ${amount(s.steps)} steps of ${s.dt} s${s.priceFeedback ? '' : ', price feedback off'}`,
    sections: [
      { title: 'Summary', blocks: [{ kind: 'paragraph', text: headline }, figuresTable(s), ...extra] },
      scenarioSection(r),
      { title: 'Over time', blocks: charts },
      ...[networkSection(r)].filter((x) => x !== undefined),
      methodSection(r, [{ kind: 'paragraph', text: 'One path is one possible history: for a distribution of outcomes, run the scenario with `--paths N` and report that folder.' }]),
    ],
  };
}

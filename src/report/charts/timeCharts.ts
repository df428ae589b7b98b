/**
 * Charts of one path over time, from timeseries.csv: reference prices against what the oracles
 * published, liquidations and bad debt accumulating, and a CDP system's auctions, deficit and the
 * governance tokens minted. Shocks from events.jsonl are marked where they start.
 */
import type { Columns } from '../content/readResults.js';
import { HEIGHT, SCHEMA, WIDTH, thinned, type Spec } from './common.js';

interface Row {
  hours: number;
  series: string;
  value: number;
  [k: string]: unknown;
}

function rows(ts: Columns, columns: { name: string; series: string; facet?: string; cumulative?: boolean }[]): Row[] {
  const time = ts.get('time');
  if (!time) return [];
  const keep = thinned(ts.rows);
  const out: Row[] = [];
  for (const c of columns) {
    const v = ts.get(c.name);
    if (!v) continue;
    let values = v;
    if (c.cumulative) {
      values = new Float64Array(v.length);
      let s = 0;
      for (let i = 0; i < v.length; i++) values[i] = s += Number.isNaN(v[i]) ? 0 : v[i];
    }
    for (const i of keep) if (!Number.isNaN(values[i])) out.push({ hours: time[i] / 3600, series: c.series, value: values[i], ...(c.facet ? { facet: c.facet } : {}) });
  }
  return out;
}

const shockRules = (shockHours: number[]) =>
  shockHours.length
    ? [
        {
          data: { values: shockHours.map((h) => ({ hours: h })) },
          mark: { type: 'rule' as const, strokeDash: [4, 3], color: '#b33' },
          encoding: { x: { field: 'hours', type: 'quantitative' as const } },
        },
      ]
    : [];

/**
 * Each asset an oracle prices, reference against oracle, one panel per asset (their scales differ
 * by orders of magnitude). Assets whose price never moves are left out: a flat line says nothing.
 */
export function pricesChart(ts: Columns, oracles: { id: string; asset: string }[], shockHours: number[]): Spec | undefined {
  const cols: { name: string; series: string; facet: string }[] = [];
  for (const o of oracles) {
    const ref = ts.get(`ref.${o.asset}`);
    const pub = ts.get(`oracle.${o.id}.price`);
    if (!ref || !pub) continue;
    const moves = (a: Float64Array) => a.some((x) => x !== a[0]);
    if (!moves(ref) && !moves(pub)) continue;
    if (!cols.some((c) => c.name === `ref.${o.asset}`)) cols.push({ name: `ref.${o.asset}`, series: 'reference', facet: o.asset });
    cols.push({ name: `oracle.${o.id}.price`, series: `oracle ${o.id}`, facet: o.asset });
  }
  const data = rows(ts, cols);
  if (data.length === 0) return undefined;
  const panels = [...new Set(cols.map((c) => c.facet))];
  return {
    $schema: SCHEMA,
    vconcat: panels.map((asset) => ({
      width: WIDTH,
      height: Math.round(HEIGHT * 0.8),
      title: `${asset}: reference price and oracle`,
      layer: [
        {
          data: { values: data.filter((d) => d.facet === asset) },
          mark: { type: 'line', strokeWidth: 1.5 },
          encoding: {
            x: { field: 'hours', type: 'quantitative', title: 'hours' },
            y: { field: 'value', type: 'quantitative', title: 'USD', scale: { zero: false } },
            color: { field: 'series', type: 'nominal', title: null },
            strokeDash: { field: 'series', type: 'nominal', legend: null },
          },
        },
        ...shockRules(shockHours),
      ],
    })),
  } as Spec;
}

/** Cumulative liquidated value and bad debt per lending market, and a CDP system's deficit, in USD. */
export function lossesChart(ts: Columns, lending: string[], cdps: string[], shockHours: number[]): Spec | undefined {
  const cols = [
    ...lending.flatMap((id) => [
      { name: `${id}.liquidatedUsd`, series: `${id} liquidated (cumulative)`, cumulative: true },
      { name: `${id}.badDebtUsd`, series: `${id} bad debt` },
    ]),
    ...cdps.flatMap((id) => [
      { name: `${id}.unsafeDebt`, series: `${id} debt of unsafe vaults` },
      { name: `${id}.deficit`, series: `${id} deficit` },
    ]),
  ];
  const data = rows(ts, cols);
  if (data.length === 0) return undefined;
  return {
    $schema: SCHEMA,
    width: WIDTH,
    height: HEIGHT,
    layer: [
      {
        data: { values: data },
        mark: { type: 'line', strokeWidth: 1.5 },
        encoding: {
          x: { field: 'hours', type: 'quantitative', title: 'hours' },
          y: { field: 'value', type: 'quantitative', title: 'USD (stablecoin at par)' },
          color: { field: 'series', type: 'nominal', title: null, legend: { orient: 'top', columns: 2, labelLimit: 320 } },
        },
      },
      ...shockRules(shockHours),
    ],
  } as Spec;
}

/** A CDP system's auctions running and governance tokens minted over time. */
export function auctionsChart(ts: Columns, cdp: string, governanceToken: string): Spec | undefined {
  const running = rows(ts, [{ name: `${cdp}.auctions`, series: 'auctions running' }]);
  const minted = rows(ts, [{ name: `${cdp}.governanceMinted`, series: `${governanceToken} minted (cumulative)` }]);
  if (running.length === 0 && minted.length === 0) return undefined;
  const panel = (values: Row[], title: string, y: string) => ({
    width: WIDTH,
    height: Math.round(HEIGHT * 0.6),
    title,
    data: { values },
    mark: { type: 'line' as const, strokeWidth: 1.5, interpolate: 'step-after' as const },
    encoding: { x: { field: 'hours', type: 'quantitative' as const, title: 'hours' }, y: { field: 'value', type: 'quantitative' as const, title: y } },
  });
  return {
    $schema: SCHEMA,
    vconcat: [panel(running, `${cdp}: collateral auctions running`, 'auctions'), panel(minted, `${cdp}: ${governanceToken} minted by debt auctions`, governanceToken)],
  } as Spec;
}

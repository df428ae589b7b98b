/**
 * Cash settlement at expiry, on a venue built by hand: each holder receives (longs) or pays
 * (shorts) size × intrinsic value at the index price, max(K − S, 0) for a put and max(S − K, 0)
 * for a call, worked by hand below; positions close; the books stay equal to the ledger; an
 * account left with negative cash and nothing else has it written off once.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Ledger } from '../../../src/sim/ledger.js';
import { OptionVenue, type OptionVenueParams } from '../../../src/protocols/options/optionVenue.js';
import { DERIBIT_PORTFOLIO, DERIBIT_STANDARD } from '../../../src/protocols/options/margin.js';
import { seriesIndex } from '../../../src/protocols/options/series.js';

const ETH = 0;
const USDC = 1;
const PUT_2700 = seriesIndex(2, 0, 0, true);
const CALL_3300 = seriesIndex(2, 1, 0, false);

const params: OptionVenueParams = {
  underlying: ETH,
  underlyingId: 'ETH',
  settlement: USDC,
  settlementId: 'USDC',
  oracle: 0,
  strikes: [2700, 3300],
  expiries: [7200],
  rate: 0,
  rule: 'standard',
  standard: DERIBIT_STANDARD,
  grid: DERIBIT_PORTFOLIO,
  discount: 0.05,
  maxShare: 0.5,
  minContracts: 1,
  surface: { longRunVol: 0.6, halfLife: 21600, meanReversion: 52, premium: 1, skew: 0.3, skewPerDrawdown: 2, curvature: 0.5, minVol: 0.05, maxVol: 5 },
  dt: 3600,
};

/** Account 1: short 10 puts K 2700, USDC collateral; account 2: short 4 calls K 3300, ETH collateral. */
function venue(putHealth = 3) {
  const ledger = new Ledger(2, ['protocol:v', 'writers:v', 'buyers:v', 'agent:x']);
  const v = new OptionVenue(
    'v',
    { ...params },
    { series: [PUT_2700, CALL_3300], contracts: [10, 4], coin: [0, 1], healthFactor: [putHealth, 3] },
    [ledger.account('agent:x')],
    3000,
    ledger,
    ledger.accountCount,
  );
  const events: { type: string; fields: Record<string, unknown> }[] = [];
  const ctx = (now: number, S: number) => ({
    now,
    step: now / 3600,
    dt: 3600,
    oraclePrices: Float64Array.of(S),
    reference: Float64Array.of(S, 1),
    ledger,
    record: (type: string, fields: Record<string, unknown>) => events.push({ type, fields }),
  });
  return { v, ledger, events, ctx };
}

test('a put in the money pays 10 × (2700 − 2500) = 2000 from the seller to the buyer; the call out of the money pays nothing', () => {
  const { v, ledger, events, ctx } = venue();
  v.mark(ctx(0, 3000));
  v.mark(ctx(3600, 2500));
  const acc = v.accounts;
  const before = [acc.cash[0], acc.cash[1], acc.cash[2]];
  v.settleDue(ctx(7200, 2500));
  assert.ok(Math.abs(before[1] - acc.cash[1] - 2000) < 1e-9, 'the put seller paid 2000');
  assert.ok(Math.abs(acc.cash[0] - before[0] - 2000) < 1e-9, 'the buyer received 2000');
  assert.is(acc.cash[2], before[2], 'the call expired worthless');
  for (let a = 0; a < acc.count; a++) assert.is(acc.legCount[a], 0);
  assert.is(v.settlementPrice[PUT_2700], 2500);
  const e = events.find((x) => x.type === 'option-expiry');
  assert.equal([e?.fields.contracts, e?.fields.paidUsd], [10, 2000]);
  assert.equal(v.checkInvariants(ledger), []);
  assert.is(v.totals.settledUsd, 2000);
});

test('a call in the money pays 4 × (3600 − 3300) = 1200 out of cash; the coin behind it stays, so nothing is written off', () => {
  const { v, ledger, ctx } = venue();
  v.mark(ctx(0, 3000));
  v.mark(ctx(3600, 3600));
  const acc = v.accounts;
  const cash = acc.cash[2];
  const coin = acc.coin[2];
  v.settleDue(ctx(7200, 3600));
  assert.ok(Math.abs(cash - acc.cash[2] - 1200) < 1e-9);
  assert.ok(acc.cash[2] < 0, 'it owes cash, against its coin');
  assert.is(acc.coin[2], coin);
  assert.is(v.totals.badDebtUsd, 0);
  assert.equal(v.checkInvariants(ledger), []);
});

test('a seller whose payout exceeds its cash has the shortfall written off once', () => {
  const { v, ledger, events, ctx } = venue(1.2);
  v.mark(ctx(0, 3000));
  v.mark(ctx(3600, 1000));
  const cash = v.accounts.cash[1];
  v.settleDue(ctx(7200, 1000));
  // it pays 10 × 1700 = 17,000; what its cash did not cover is bad debt
  const shortfall = 17000 - cash;
  assert.ok(shortfall > 0);
  assert.ok(Math.abs(v.totals.badDebtUsd - shortfall) < 1e-6, `bad debt ${v.totals.badDebtUsd} vs ${shortfall}`);
  assert.is(v.accounts.cash[1], 0);
  assert.is(events.filter((x) => x.type === 'option-bad-debt').length, 1);
  v.settleDue(ctx(10800, 1000));
  assert.is(events.filter((x) => x.type === 'option-bad-debt').length, 1, 'booked once');
  assert.equal(v.checkInvariants(ledger), []);
  // the venue's books: it owes the buyer 17,000 and holds the sellers' collateral and the premium
  const sheet = v.balanceSheet();
  assert.ok(Math.abs(sheet.liabilities - sheet.assets - shortfall) < 1e-6);
  assert.ok(Math.abs(sheet.booked - shortfall) < 1e-6);
});

test.run();

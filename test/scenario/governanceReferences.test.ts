/**
 * Scenario checks of the governance parts (protocols' `governance` blocks, the scheduled
 * `governance` list): each bad value gives one InputError naming the field and what was expected,
 * as every other scenario error does; the CLI prints it as one line, exit 2.
 * Also: the parameter names the scenario accepts are the ones the protocols report.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadScenario } from '../../src/scenario/load.js';
import { InputError } from '../../src/util/errors.js';
import { AUCTION_PARAMETER_NAMES, CDP_PARAMETER_NAMES, LENDING_PARAMETER_NAMES } from '../../src/scenario/governance.js';
import { buildWorld } from '../../src/sim/world.js';
import { cli } from '../cli/spawnCli.js';
import { createAgent } from '../../agents/index.js';

const GOV = 'scenarios/governance.yaml';
const BT = 'scenarios/black-thursday-2020.yaml';

function problem(file: string, sets: string[]): InputError {
  try {
    loadScenario(file, sets);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error(`expected an InputError for ${sets.join(' ')}`);
}

const cases: [string, string[], string, RegExp][] = [
  [GOV, ['governance[0].protocol=nobody'], 'governance[0].protocol', /expected the id of a protocol, got "nobody"/],
  [GOV, ['governance[0].target=DAI'], 'governance[0].target', /expected an asset with a reserve in lender \(ETH, WBTC, USDC\), got "DAI"/],
  [GOV, ['governance[0].set.liquidationTreshold=0.7'], 'governance[0].set.liquidationTreshold', /^unknown field `liquidationTreshold`; did you mean `liquidationThreshold`\?/],
  [GOV, ['governance[0].set={liquidationRatio: 1.6}'], 'governance[0].set.liquidationRatio', /expected a parameter of lender's ETH \(ltv, liquidationThreshold, .*\), got "liquidationRatio"/],
  [GOV, ['governance[0].set.liquidationThreshold=1.2'], 'governance[0].set.liquidationThreshold', /expected a number in \(0, 1\], got 1.2/],
  [GOV, ['governance[0].set={}'], 'governance[0].set', /expected at least one parameter to set/],
  [GOV, ['governance[0].at=13h'], 'governance[0].at', /expected a time within the horizon \(43200 s\), got 46800 s/],
  [GOV, ['governance[0].gasBid={kind: fixed, gwei: 0}'], 'governance[0].gasBid.gwei', /expected a number > 0/],
  [GOV, ['protocols[0].governance.bounds.ltv.maxPercentChange=-1'], 'protocols[0].governance.bounds.ltv.maxPercentChange', /expected a number >= 0, got -1/],
  [GOV, ['protocols[0].governance.bounds.liquidationRatio={maxPercentChange: 5}'], 'protocols[0].governance.bounds.liquidationRatio', /^unknown field `liquidationRatio`/],
  [GOV, ['protocols[0].governance.timelock=soon'], 'protocols[0].governance.timelock', /expected a duration/],
  [GOV, ['protocols[0].governance.bounds.ltv.change=percent'], 'protocols[0].governance.bounds.ltv.change', /expected one of "relative", "absolute"/],
  [BT, ['governance=[{at: 1h, protocol: maker, target: ETH-B, set: {penalty: 0.1}}]'], 'governance[0].target', /expected a vault type of maker \(ETH-A\), got "ETH-B"/],
  [
    BT,
    ['governance=[{at: 1h, protocol: maker, target: ETH-A, set: {auction: {buf: 1.3}}}]'],
    'governance[0].set.auction.buf',
    /expected a parameter of maker's ETH-A \(.*auction.beg.*\), got "auction.buf"/,
  ],
  [BT, ['governance=[{at: 1h, protocol: maker, target: ETH-A, set: {ltv: 0.5}}]'], 'governance[0].set.ltv', /got "ltv"/],
  [BT, ['protocols[0].governance={bounds: {auction: {tail: {minDelay: 1h}}}}'], 'protocols[0].governance.bounds.auction.tail', /expected a parameter some vault type of maker has/],
];

test('bad governance fields each name the field and what was expected', () => {
  for (const [file, sets, field, message] of cases) {
    const e = problem(file, sets);
    assert.is(e.field, field, `${sets[0]}: field ${e.field} (${e.message})`);
    assert.match(e.message, message, `${sets[0]}: ${e.message}`);
  }
});

test("good governance fields load: durations in seconds, defaults filled (Aave's kind of change per parameter)", () => {
  const s = loadScenario(BT, [
    'governance=[{at: 1h, protocol: maker, target: ETH-A, set: {liquidationRatio: 1.6, auction: {ttl: 5m}}}]',
    'protocols[0].governance={timelock: 2d, bounds: {liquidationRatio: {maxPercentChange: 10}, debtCeiling: {maxPercentChange: 30, minDelay: 3d}}}',
  ]).scenario;
  assert.equal(s.governance![0].set, { liquidationRatio: 1.6, auction: { ttl: 300 } });
  assert.equal(s.governance![0].gasBid, { kind: 'multiple', factor: 1.5 });
  const g = s.protocols[0].governance!;
  assert.is(g.timelock, 172800);
  assert.equal(g.bounds, { liquidationRatio: { maxPercentChange: 10, minDelay: 0, change: 'absolute' }, debtCeiling: { maxPercentChange: 30, minDelay: 259200, change: 'relative' } });
  const lending = loadScenario(GOV).scenario.protocols[0];
  assert.is(lending.kind === 'lending' && lending.governance!.bounds!.supplyCap!.change, 'relative');
});

test('the parameter names a scenario may set are those the protocols report', () => {
  const gov = buildWorld(loadScenario(GOV), { createAgent });
  assert.equal(Object.keys(gov.protocols[gov.protocolIndex('lender')].parameters('ETH')), LENDING_PARAMETER_NAMES);
  const bt = buildWorld(loadScenario(BT), { createAgent });
  assert.equal(Object.keys(bt.protocols[bt.protocolIndex('maker')].parameters('ETH-A')), [...CDP_PARAMETER_NAMES, ...AUCTION_PARAMETER_NAMES.english]);
  // Black Thursday's scheduled spell sets the flip auction's ttl, tau and lump: for a clip auction it sets the fee alone
  const dutch = buildWorld(loadScenario(BT, ['protocols[0].ilks[0].auction={kind: dutch}', 'governance[0].set={stabilityFee: 0.04}']), { createAgent });
  assert.equal(Object.keys(dutch.protocols[dutch.protocolIndex('maker')].parameters('ETH-A')), [...CDP_PARAMETER_NAMES, ...AUCTION_PARAMETER_NAMES.dutch]);
});

// (a bad governance fixture with its line is in badScenarios.test.ts)
test('the CLI prints one line naming the field and the --set it came from, exit 2', async () => {
  const r = await cli(['validate', GOV, '--set', 'governance[1].target=DAI']);
  assert.is(r.code, 2);
  assert.is(r.stdout, '');
  assert.is(r.stderr, 'aftershock: scenarios/governance.yaml governance[1].target: expected an asset with a reserve in lender (ETH, WBTC, USDC), got "DAI" (from --set governance[1].target=DAI)\n');
});

test.run();

/**
 * Scenario checks for what issue 3 added (CDP systems, keepers, vault owners, block space, gas
 * spikes, exploits, contagion capital): each bad value gives one InputError naming the field and
 * what was expected, as every other scenario error does.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadScenario } from '../../src/scenario/load.js';
import { InputError } from '../../src/util/errors.js';

const BT = 'scenarios/black-thursday-2020.yaml';
const USDC = 'scenarios/usdc-depeg-2023.yaml';

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
  [BT, ['assets[1].issuer=someone'], 'assets[1].issuer', /expected the id of a protocol, got "someone"/],
  [USDC, ['assets[2].issuer=aave'], 'protocols[0].stablecoin', /expected an asset issued by maker/],
  [BT, ['protocols[0].governanceToken=DAI'], 'protocols[0].governanceToken', /other than the stablecoin/],
  [BT, ['protocols[0].ilks[0].oracle=nope'], 'protocols[0].ilks[0].oracle', /expected the id of an oracle/],
  [BT, ['protocols[0].ilks[0].asset=DAI'], 'protocols[0].ilks[0].oracle', /prices ETH, not DAI/],
  [BT, ['protocols[0].ilks[0].liquidationRatio=0.9'], 'protocols[0].ilks[0].liquidationRatio', /expected a number >= 1/],
  [BT, ['protocols[0].vaults[0].ilk=ETH-B'], 'protocols[0].vaults[0].ilk', /expected a vault type of maker/],
  [BT, ['protocols[0].ilks[0].auction.kind=sealed'], 'protocols[0].ilks[0].auction.kind', /english|dutch/],
  [BT, ['agents[0].cdps[0]=nope'], 'agents[0].cdps[0]', /expected the id of a cdp protocol, got "nope" \(known: maker\)/],
  [USDC, ['agents[4].cdps[0]=aave'], 'agents[4].cdps[0]', /expected a cdp protocol, got "aave"/],
  [USDC, ['agents[0].protocols[0]=maker'], 'agents[0].protocols[0]', /expected a lending protocol, got "maker"/],
  [BT, ['agents[4].targetRatio=1.5'], 'agents[4].targetRatio', /targetRatio > alertRatio/],
  [BT, ['chain.gasLimit=null'], 'chain.gasLimit', /expected a number/],
  [BT, ['shocks=[{kind: gas-spike, factor: -2, start: 1h, duration: 1h}]'], 'shocks[0].factor', /non-negative demand multiplier/],
  [USDC, ['shocks=[{kind: exploit, protocol: aave, share: 0.5, start: 1h, asset: WBTC}]'], 'shocks[0].asset', /with a reserve in aave/],
  [USDC, ['shocks=[{kind: exploit, protocol: aave, share: 1.5, start: 1h}]'], 'shocks[0].share', /in \[0, 1\]/],
  ['scenarios/demo.yaml', ['shocks[0]={kind: gas-spike, factor: 3, start: 1h, duration: 1h}'], 'shocks[0].kind', /configure chain.congestion/],
  [USDC, ['contagion.capital.nobody=1'], 'contagion.capital.nobody', /expected the id of a protocol/],
];

test('bad CDP, keeper, chain, shock and contagion fields each name the field and what was expected', () => {
  for (const [file, sets, field, message] of cases) {
    const e = problem(file, sets);
    assert.is(e.field, field, `${sets[0]}: field ${e.field} (${e.message})`);
    assert.match(e.message, message, `${sets[0]}: ${e.message}`);
  }
});

test.run();

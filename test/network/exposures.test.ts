import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildExposureNetwork, interProtocolAssets, interProtocolLiabilities, liabilityMatrix } from '../../src/network/exposures.js';

// Reference: the convention stated in exposures.ts (X accepts collateral issued by Y worth V
// ⇒ X is exposed to Y by V), checked against sums done by hand.
const net = buildExposureNetwork({
  protocols: [
    { id: 'aave', equity: 100 },
    { id: 'maker', equity: 50 },
    { id: 'lido', equity: 20 },
  ],
  holdings: [
    { holder: 'aave', issuer: 'maker', value: 30 }, // Aave holds DAI
    { holder: 'aave', issuer: 'maker', value: 5 }, // more DAI: summed
    { holder: 'aave', issuer: 'lido', value: 40 }, // Aave holds stETH
    { holder: 'maker', issuer: 'lido', value: 10 }, // Maker holds stETH
    { holder: 'maker', issuer: 'maker', value: 99 }, // own issue: ignored
  ],
});

test('exposure[x][y] = value X holds of Y, duplicates summed, self-holdings ignored', () => {
  assert.equal(Array.from(net.exposure), [0, 35, 40, 0, 0, 10, 0, 0, 0]);
  assert.equal(Array.from(net.equity), [100, 50, 20]);
  assert.is(net.index.get('lido'), 2);
});

test('row sums are inter-protocol assets, column sums liabilities; liabilities = transpose', () => {
  // assets: aave 35 + 40 = 75, maker 10, lido 0; liabilities: maker 35, lido 50
  assert.equal(Array.from(interProtocolAssets(net)), [75, 10, 0]);
  assert.equal(Array.from(interProtocolLiabilities(net)), [0, 35, 50]);
  // Maker owes Aave 35; Lido owes Aave 40 and Maker 10
  assert.equal(Array.from(liabilityMatrix(net)), [0, 0, 0, 35, 0, 0, 40, 10, 0]);
});

test('unknown ids, duplicate ids and bad values are refused', () => {
  assert.throws(() => buildExposureNetwork({ protocols: [{ id: 'a', equity: 1 }], holdings: [{ holder: 'a', issuer: 'b', value: 1 }] }), /unknown issuer "b"/);
  assert.throws(
    () =>
      buildExposureNetwork({
        protocols: [
          { id: 'a', equity: 1 },
          { id: 'a', equity: 2 },
        ],
        holdings: [],
      }),
    /twice/,
  );
  assert.throws(
    () =>
      buildExposureNetwork({
        protocols: [
          { id: 'a', equity: 1 },
          { id: 'b', equity: 1 },
        ],
        holdings: [{ holder: 'a', issuer: 'b', value: -1 }],
      }),
    /non-negative/,
  );
});

test.run();

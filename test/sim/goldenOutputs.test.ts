/**
 * Golden outputs: every shipped scenario (and the fixtures the agent and shock tests run) gives
 * byte-identical `summary.json`, `timeseries.csv` and `events.jsonl`. The reference is not
 * computed by the code under test: the SHA-256 hashes below were recorded on commit 2b810fd,
 * before the protocol-contract refactor of issue 10, and checked stable over two runs; those of
 * scenarios added on a branch of the pre-refactor code (observation.yaml, governance.yaml) were
 * recorded on that branch's engine. A refactor must leave them as they are; a deliberate change
 * of the model's behaviour must say why in its commit when it records new ones (the runs are
 * listed in goldenRuns.ts).
 *
 * `manifest.json` is not compared: it carries wall time, versions and the commit. `summary.json`
 * holds no wall time (report/summary.ts), only figures, the scenario's hash and the overrides,
 * so it is hashed whole.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { GOLDEN_FILES, GOLDEN_RUNS, goldenHashes } from './goldenRuns.js';

// recorded on commit 2b810fd, before the refactor (one path, the scenario's seed, invariants on)
const RECORDED: Record<string, Record<string, string>> = {
  // the three replays re-recorded for issue 14 (first-price gas, price impact, the peg stability
  // module, declared-uncertain inputs): their models changed on purpose; stable over two runs
  'aave-crv-2022.yaml': {
    'summary.json': 'de1b990d0fa1841884b277f3d98f8f69e9ef40f361d3358c199e00afaaf95df1',
    'timeseries.csv': 'e6e694e2fc78bebeff10b2836b6c188e0804ec6c759a97dcb837d3fc26fdc859',
    'events.jsonl': 'ec61b4ae6e99dfb0ac4378f0a7164ddd2c82a84e4aef4839348db8f67c2c5d8d',
  },
  'black-thursday-2020.yaml': {
    'summary.json': 'c6c26ef310920beb64ea4f0e1a05427e95f7582626616ab5e921388c3fc1bc80',
    'timeseries.csv': '817016132f4c3c05c8ea8f16ca893b33a0b34d712e54c74c791a4a08fdb0fc82',
    'events.jsonl': 'bfbdd69edf91c499559aaf1487e4c74c4fac34575f4eb693aa4f1bb13bfb1e52',
  },
  // recorded when the replay was added (issue 15, cross-margined accounts under Compound v2's rules); stable over two runs
  'compound-dai-2020.yaml': {
    'summary.json': '67d87a1e18ed963ce501740c2360ebc17393a0756581bfefd966fcc95e29e1d9',
    'timeseries.csv': '61d6402ad6a35932eee4321a47d1a8c8e2543a8249619a448bd7845dfe4c7081',
    'events.jsonl': '2a685b57bb2eaa8a395badae08e5614e479f04e45c3b3bf2e5923faa15940876',
  },
  'demo.yaml': {
    'summary.json': 'eb403850c86c73b08edf8006adb5e094c5d380f54902cd83cf6c6982c8f7a832',
    'timeseries.csv': 'bdc9153f125fe14d28eae76adbb53e23baf46ef6ec0026a3b45045ba9b177cb4',
    'events.jsonl': 'ffee63cb9b3499beb8fa2a0ae1e5312a8b2effb044211e530112db153973b8c7',
  },
  'depeg.yaml': {
    'summary.json': 'fc8e790f881f90a762c9b7729caf85b921ec03fddaaebfc6632b8b6305eaab98',
    'timeseries.csv': '89b1bd4c8af8e6ca2e4779e7edbeb2df89c7f37b3a931bbf73722762dd121910',
    'events.jsonl': '0586eca847f287da32bf82c903e8f514671fb351cd268fa8d0d989d43f63cdb8',
  },
  // recorded on the pre-refactor engine with governance (branch gov, dc408d4), stable over two runs
  'governance.yaml': {
    'summary.json': '1b41322af7f6c07be9f367735a141aa0dee93c64be244c267508e76c552c41f7',
    'timeseries.csv': 'c1c90c538c7c8dd7e0b7a9bcaaca8f5ab1814e562c87423b4a26220ab4cb54e6',
    'events.jsonl': '1cb99c9d5ee71fd68733ad696af0896725c7afc2d91b89b4a2b5524fadb7df88',
  },
  'liquidity-withdrawal.yaml': {
    'summary.json': '6700d842d1997f5019dd2f8ee39a9cbbbac911515863566d8ac85a7faa9fdbdc',
    'timeseries.csv': '400c74542eef14453f97efa4afe31326ce05943ef2d58bf88ddf767b52d13e7c',
    'events.jsonl': 'b1f1c6c7729eb44c84ee0a01f3d6c72396b22e7b57c082b1ad9f66a3fcc48afa',
  },
  // recorded when the scenario was added (branch opt-venue, issue 13), stable over two runs
  'options-vol-shock.yaml': {
    'summary.json': '0a5ae1fe69f5aa19afc42bd5744389890571d4a53389d4ffe9c0aabb17d300d5',
    'timeseries.csv': '4ad5b132fc19d11c3d6c5b9f7716306f39b58972923cb085ad5246ba9ffc40f6',
    'events.jsonl': '81ffa1a2fd6049b83095ab9920e10a2468d9adfb1d5f84e486ff3eb9a2b50af3',
  },
  // added with policy agents (issue 11): the shipped liquidator policy in train-liquidator's
  // market; recorded on branch rlagent, stable over two runs
  'policy-liquidator.yaml': {
    'summary.json': 'e5c1b96dcfc7b25e0f38bcd16224e0552f50efb61b7f9d25c78549cdd8ccd8d9',
    'timeseries.csv': '50f7b8b8104eceff77818ddf0d41931a436bc3636ebc942844e592b96c9ab7dc',
    'events.jsonl': '26570b69225230eca5133217621fd5f41b5876ac2a34e8f9112c35d30861a408',
  },
  'oracle-delay.yaml': {
    'summary.json': '4f4c9b772ba7f4038097f8f84ee406cdcda5ed041b2628e6073d849173302b1d',
    'timeseries.csv': '4c82793213136bf8e07f51ce1ffeb3a2530d603d47c4cbfe9efb9fb97552ae0d',
    'events.jsonl': '54a544bee1c21a372623940b7e6f1adcf983b79eac4f9dddf181462e1d044316',
  },
  // the RL training scenarios (issue 11), recorded on branch rl-envs and stable over two runs
  'train-collateral.yaml': {
    'summary.json': 'e3b7f3b08fab5d83a800e968a45a0c88630150a4b25eded7a4b078283422bfde',
    'timeseries.csv': 'd4ed4e297740a110e5feac1284663af7323c3255507cdca6822fc03328eb203a',
    'events.jsonl': '632425cbcd4333501a72d5f0dd564374cf515ec16adad749262f6d6d3d8e4919',
  },
  // a collateral-policy scenario whose crashes are preceded by a slide (issue 11), recorded on branch rlcoll and stable over two runs
  'train-collateral-precursor.yaml': {
    'summary.json': '563ac7006fb1faf4ee287d2ce38d8d3dc271cb1eddcea03feae0202b907f9ec8',
    'timeseries.csv': 'fb15505aa1c83a963947c1f65783455686b132c3a378a5c3ae49041e0166ce99',
    'events.jsonl': 'd94e79dff9e6db13c2137e8b3bea9e0a71934ca210b64c91c3bb4bea9f839e7c',
  },
  'train-liquidator.yaml': {
    'summary.json': 'cba198a0e2ca9c52d4de8b37e53b69f244ae317508d679c21f70a80d4efb5ae9',
    'timeseries.csv': '935a2ea47c8f73ea5d53065e175023ea7fa50c4dfda360df2656c1861d05b87b',
    'events.jsonl': 'ef78c5fe5437ffc455125979ac7c517e5814867be521cbf938a95a6793122d01',
  },
  'train-trader-spot.yaml': {
    'summary.json': '35e6a00f769e674b2ffc55daf97e59f0e830d9a36443d3e4d19a2c861ac3d9ce',
    'timeseries.csv': 'c23778184c7da69dc1f6c75fee89107565cc7e491e9aaa4b32c193a2c2c1785d',
    'events.jsonl': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  },
  'train-trader-twap.yaml': {
    'summary.json': 'f31de46182a67167674f1261507a5c46f1d16d36d31dbe3fc8af1bcd3fa7644c',
    'timeseries.csv': '1e1049fcbd66ebd16fade7ef116391a7e3fe5f31b052c7acfde2d6a7f5a830d4',
    'events.jsonl': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  },
  'usdc-depeg-2023.yaml': {
    'summary.json': '047da0bf8dbf4dfd2b6612b08c3ba6bb9d02ebdc77c441f7e5e1dc26e5db97df',
    'timeseries.csv': 'd45c85d9d57f62136f227b2088c4d61377cf6b98eefcc3fe68ad48a0f826cb70',
    'events.jsonl': 'f63c946abc6d92f07d17dceb2f57d49e47f059e549d0a8b4332e116fd2e651cd',
  },
  'fixture blockspace-auction.yaml': {
    'summary.json': '540e64dfdfe3d3c76d448c1c6b20ae7c45bc997fc3708f19f075e8892647765e',
    'timeseries.csv': 'a28b4224aef4d32d688c6c25c4f38ced0a0a99ff38b05907b642ca264afd2db5',
    'events.jsonl': '61aacea24bbf4b665e32511c542a9e05e327aeeb9ce03521c4a51b1ffd09fc03',
  },
  'fixture contagion-pair.yaml': {
    'summary.json': '4517445b62fc562271473f6b6238b873f2ddd302d969fc1b73164cbd41c9940b',
    'timeseries.csv': '9ae0b8b7eb461ad2ee9e8ee142917af3a5701343572f6172967a285f68d94ada',
    'events.jsonl': 'cccc0ce259c93d4899737d7752cdf6e77588100742366843cc4fc8b353af1801',
  },
  // recorded on the pre-refactor engine (branch obs, at 2b810fd's simulator) with this fixture's
  // bytes as they stand (its header comment names test/observation/)
  'fixture observation.yaml': {
    'summary.json': 'ed30ccf147727bbf698dec13ad5918a8a3dea8dd624757f72cedf91359b9c0b5',
    'timeseries.csv': '395c8bb75385c34b5d7f56fb70afd75bf8c2db51f4494f82d01da922483990ec',
    'events.jsonl': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  },
  'fixture paths-small.yaml': {
    'summary.json': 'b618e50c6753bbe68d566d28632b36bd2f1577347db419d07759a6d966128b6a',
    'timeseries.csv': 'bc5e821a24d71f9c2b25e1876146d47f1321082f9af4a01f8bd84092233c7bdb',
    'events.jsonl': 'e450801af941bf9cf97d7feaa32ac29be8ac04eeb7788018bad1522d5d65f091',
  },
  'fixture regression-collateral-residue.yaml': {
    'summary.json': '38a2e8f6cc49a12aa5a622caffe5d38a54b452ffd85073a811eb1bad5565c1d2',
    'timeseries.csv': 'b910ecc7050f08f13a3cee55a652e8f6eaaa797228804da9d22911a2e41890d0',
    'events.jsonl': '221dbaa589ad97df1cdf6903e092ec854de418f8e1c739b1c4b7cd238754eaa9',
  },
  // recorded on the pre-refactor engine (branch report, whose simulator is 2b810fd's)
  'fixture report-paths.yaml': {
    'summary.json': '2a0bae825ca85bb48a642904e70a12564f50cc15e2c3b8ad8301c38e10b51c6c',
    'timeseries.csv': '9c0bc24dfaa0666d2fdbe9bdede1dc06d27475183c9781184a837db8957c456b',
    'events.jsonl': 'ed717681ebc3892cf9d89f449ce90fd76e56c27feabfb00cb3bbd60d58934776',
  },
  // cross-margined accounts (issue 15), recorded when the fixture was added
  'fixture small-accounts.yaml': {
    'summary.json': 'fe6ba68b3c3a76334796aaff55498a93c4b97a20bc096584da5638f7f71d0113',
    'timeseries.csv': '2abc9f9840db2fc265d34bf5e3cfb25b0eba5f879a678c35f47fab978fd456df',
    'events.jsonl': '711b4921a08a5da243e60147f2df1513b9216fc75a431721832080cd99464bb8',
  },
  'fixture small.yaml': {
    'summary.json': '6791f7a7f9be2fb8b66d492fccfe76eb1f664e061972699777cc9e2d54aad2b7',
    'timeseries.csv': '67f418fdf834bf55c2f7f9814ac1e6f00addcd0991a8b3bd09b398e90babfdd0',
    'events.jsonl': '3107ef4616e4c161c838ef917c498dfd22edf5840fd22e029b596ae5803d17a8',
  },
  'fixture blockspace-auction.yaml, Dutch auction': {
    'summary.json': '44990aa0087a830ad116fbc6499c2604fa32745d7abf024cd2719fb3877a22c8',
    'timeseries.csv': 'd4588778efe1a1645e8e0f0912794cd080ba86e3bdf7f6ced4a5f1e9e450776c',
    'events.jsonl': '88e6d6948da84fd5eb2df0f3ca1cb8cd8d1f91321d641eda833e0780f4d5ea9e',
  },
  'fixture blockspace-auction.yaml, vault owners top up': {
    'summary.json': '7a054eb60087bb15d77ceca28aa105cc3372f4ee4cd7b6aaab23d0de5ea91ee6',
    'timeseries.csv': '422f9e1eaac20b44e51f9683923dfa66b4bc2ae33c3af70d113c02a44b8536ff',
    'events.jsonl': '2ccaaf853f099463a329826c83f4a8a1cb14b321d46f52714e0fb464a63dbb1e',
  },
  'fixture blockspace-auction.yaml, vault owners repay': {
    'summary.json': '614752698e5ddd4e88fd6418c00c4c9dd82b5dcb4a69ee51ac3c883b1ecc6d0c',
    'timeseries.csv': '633a27b7d268531b98570b87c2c19a433dbe8eabe1416444774daaf78b17ff48',
    'events.jsonl': '1a6f32edfe91f17fa3e454f6798e89c27a0dedec34c3643c8e84389c9f1757e1',
  },
  'fixture small.yaml, crash, lending exploit, oracle manipulation, repaying borrowers': {
    'summary.json': '943bb424db53ccf05d88fb1ab539dd76fb91a99de527afb58fb0d5feadbfbb67',
    'timeseries.csv': '68b8e83e72c4768861805174ff576b9a17af3b7203e7da279d594de8f5420fd9',
    'events.jsonl': '52292b7fb6a323ee9247c9a73d19f6108b7525389992c061c3cecf0d694976ed',
  },
};

test('every golden run has recorded hashes, and every recorded hash a run', () => {
  assert.equal(GOLDEN_RUNS.map((r) => r.name).sort(), Object.keys(RECORDED).sort());
});

for (const run of GOLDEN_RUNS) {
  test(`golden outputs: ${run.name}`, () => {
    const got = goldenHashes(run);
    const want = RECORDED[run.name];
    for (const f of GOLDEN_FILES) assert.is(got[f], want?.[f], `${run.name} ${f}`);
  });
}

test.run();

/**
 * Positions and vaults CSV files are read strictly: plain decimal amounts from 0 to 1e15 (no
 * `1e309`, `Infinity`, hex), exactly the header's cells on every row, the expected columns and
 * no others, and a position's collateral and debt different assets. Each refusal names the file,
 * the line and the column, quoting the cell as written.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliInProcess } from '../../cli/spawnCli.js';
import { readPositionsCsv, type PositionRows } from '../../../src/protocols/lending/positions.js';
import { readVaultsCsv, type VaultRows } from '../../../src/protocols/cdp/vaults.js';
import { InputError } from '../../../src/util/errors.js';

const tmp = mkdtempSync(join(tmpdir(), 'aftershock-poscsv-'));
const RESERVES: Record<string, number> = { USDC: 0, CRV: 1, ETH: 2 };
const HEADER = 'collateral,debt,collateralAmount,debtAmount';

function positions(name: string, body: string): { err?: InputError; rows: PositionRows } {
  writeFileSync(join(tmp, name), body);
  const rows: PositionRows = { collateralReserve: [], debtReserve: [], collateral: [], debt: [] };
  try {
    readPositionsCsv(name, tmp, (a) => RESERVES[a], rows);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { err: e, rows };
  }
  return { rows };
}

const BAD: [string, string, number, string, RegExp][] = [
  ['overflow', `${HEADER}\nUSDC,CRV,1e309,92000000\n`, 2, 'collateralAmount', /got "1e309"/],
  ['infinity', `${HEADER}\nUSDC,CRV,10,1\nUSDC,CRV,63600000,Infinity\n`, 3, 'debtAmount', /got "Infinity"/],
  ['hex', `${HEADER}\nUSDC,CRV,0x10,92000000\n`, 2, 'collateralAmount', /got "0x10"/],
  ['denormal', `${HEADER}\nUSDC,CRV,1e-320,92000000\n`, 2, 'collateralAmount', /expected 0 or a decimal number from 1e-15 to 1e15, got "1e-320"/],
  ['negative', `${HEADER}\nUSDC,CRV,-5,1\n`, 2, 'collateralAmount', /got "-5"/],
  ['too large', `${HEADER}\nUSDC,CRV,2e15,1\n`, 2, 'collateralAmount', /got "2e15"/],
  ['same asset', `${HEADER}\nUSDC,CRV,1,1\nUSDC,USDC,63600000,1000\n`, 3, 'debt', /expected a debt asset different from the collateral, got "USDC" for both/],
];

for (const [name, body, line, field, message] of BAD) {
  test(`positions CSV, ${name}: refused at line ${line}, column ${field}`, () => {
    const { err } = positions(`${name.replace(/\W/g, '-')}.csv`, body);
    assert.instance(err, InputError, name);
    assert.is(err!.line, line, name);
    assert.is(err!.field, field, name);
    assert.match(err!.message, message, name);
  });
}

test('positions CSV, an extra cell on a row or an unknown column: refused with the line', () => {
  const extra = positions('extra.csv', `${HEADER}\nUSDC,CRV,63600000,92000000,5\n`).err;
  assert.instance(extra, InputError);
  assert.is(extra!.line, 2);
  assert.match(extra!.message, /expected 4 fields as in the header, found 5/);
  const column = positions('column.csv', `${HEADER},note\nUSDC,CRV,1,1,x\n`).err;
  assert.instance(column, InputError);
  assert.is(column!.line, 1);
  assert.match(column!.message, /unknown column "note"/);
});

test('positions CSV, a well-formed file is read as written (columns in any order)', () => {
  const { err, rows } = positions('ok.csv', 'debt,collateral,debtAmount,collateralAmount\nCRV,USDC,92000000,63600000\n\nUSDC,ETH,100.5,0.25\n');
  assert.is(err, undefined);
  assert.equal(rows, { collateralReserve: [0, 2], debtReserve: [1, 0], collateral: [63600000, 0.25], debt: [92000000, 100.5] });
});

test('vaults CSV: the same strictness', () => {
  const read = (body: string) => {
    writeFileSync(join(tmp, 'vaults.csv'), body);
    const rows: VaultRows = { ilk: [], collateral: [], debt: [] };
    try {
      readVaultsCsv('vaults.csv', tmp, (id) => (id === 'ETH-A' ? 0 : undefined), rows);
    } catch (e) {
      if (e instanceof InputError) return e;
      throw e;
    }
    return rows;
  };
  const cases: [string, number, RegExp][] = [
    ['ilk,collateral,debt\nETH-A,Infinity,1\n', 2, /collateral.*got "Infinity"/],
    ['ilk,collateral,debt\nETH-A,1,1e309\n', 2, /got "1e309"/],
    ['ilk,collateral,debt\nETH-A,1,1,1\n', 2, /expected 3 fields as in the header, found 4/],
  ];
  for (const [body, line, message] of cases) {
    const e = read(body);
    assert.instance(e, InputError, body);
    assert.is((e as InputError).line, line, body);
    assert.match(`${(e as InputError).field} ${(e as InputError).message}`, message, body);
  }
  assert.equal(read('ilk,collateral,debt\nETH-A,10,5000.5\n'), { ilk: [0], collateral: [10], debt: [5000.5] });
});

test('through the CLI: the Aave CRV replay with 1e309 in its positions file exits 2 naming the CSV line (it used to run, exit 0)', async () => {
  copyFileSync('scenarios/aave-crv-2022.yaml', join(tmp, 'crv.yaml'));
  for (const cell of ['1e309', 'Infinity']) {
    writeFileSync(join(tmp, 'aave-crv-2022.positions.csv'), `${HEADER}\nUSDC,CRV,${cell},92000000\n`);
    const out = join(tmp, `out-${cell}`);
    const r = await cliInProcess(['run', join(tmp, 'crv.yaml'), '--out', out, '--quiet', '--json']);
    assert.is(r.code, 2, `${cell}: ${r.stderr}`);
    assert.is(r.stdout, '');
    assert.is(r.stderr, `aftershock: ${join(tmp, 'aave-crv-2022.positions.csv')}:2 collateralAmount: expected 0 or a decimal number from 1e-15 to 1e15, got "${cell}"\n`);
    assert.not.ok(existsSync(out));
  }
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));

test.run();

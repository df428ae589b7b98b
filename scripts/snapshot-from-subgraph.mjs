#!/usr/bin/env node
/**
 * Converts a lending protocol's subgraph export to an account snapshot CSV (README, "Accounts
 * from a protocol snapshot"), with no network: fetch the export yourself, then
 *
 *   node scripts/snapshot-from-subgraph.mjs aave-v3 userReserves.json --rename WETH=ETH > accounts.csv
 *   node scripts/snapshot-from-subgraph.mjs compound-v2 accountCTokens.json > accounts.csv
 *
 * The CSV goes to stdout (redirect it where you like: the script writes no file). Bad input is one
 * line on stderr and exit code 2, as the tool's own commands do. The conversion itself lives in
 * src/protocols/lending/accounts/subgraphExport.ts (tested there); this file only reads arguments.
 */
import { register } from 'tsx/esm/api';

register();
const { convertExport, snapshotCsv } = await import('../src/protocols/lending/accounts/subgraphExport.ts');
const { InputError } = await import('../src/util/errors.ts');
const { readInputFile } = await import('../src/util/inputFile.ts');

const USAGE = 'usage: node scripts/snapshot-from-subgraph.mjs aave-v3|compound-v2 EXPORT.json [--rename SYMBOL=ASSET ...]';

function fail(message) {
  process.stderr.write(`aftershock: ${message}\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
const [format, file, ...rest] = args;
if (format !== 'aave-v3' && format !== 'compound-v2') fail(`${USAGE}; got format ${JSON.stringify(format ?? '')}`);
if (file === undefined) fail(USAGE);
const rename = new Map();
for (let i = 0; i < rest.length; i++) {
  const pair = rest[i] === '--rename' ? rest[++i] : undefined;
  const m = pair === undefined ? null : /^([^=\s]+)=([^=\s]+)$/.exec(pair);
  if (!m) fail(`--rename: expected SYMBOL=ASSET, got ${JSON.stringify(pair ?? rest[i])}`);
  rename.set(m[1], m[2]);
}
try {
  process.stdout.write(snapshotCsv(convertExport(readInputFile(file, 'data'), format, file, rename)));
} catch (e) {
  if (e instanceof InputError) fail(e.oneLine());
  throw e;
}

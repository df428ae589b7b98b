/**
 * The machine-readable side of a recommendation, in the shapes governance executes:
 *  - Aave v3's config engine `CollateralUpdate` (asset, ltv, liqThreshold, liqBonus, debtCeiling,
 *    liqProtocolFee; ratios in basis points, the bonus as the part above 100 %, `KEEP_CURRENT`
 *    for a field left as it is: the engine's EngineFlags.KEEP_CURRENT);
 *  - Maker's `file` calls for a vault type (Spotter `mat` as a ray, then `poke`; Dog `chop` as a wad).
 * Nothing is sent anywhere: this is data for a payload author to check and encode.
 */
export const KEEP_CURRENT = 'KEEP_CURRENT';

export interface AaveCollateralUpdate {
  asset: string;
  ltv: number | typeof KEEP_CURRENT;
  liqThreshold: number | typeof KEEP_CURRENT;
  liqBonus: number | typeof KEEP_CURRENT;
  debtCeiling: typeof KEEP_CURRENT;
  liqProtocolFee: typeof KEEP_CURRENT;
}

export interface MakerFileCall {
  contract: 'MCD_SPOT' | 'MCD_DOG';
  signature: string;
  args: string[];
}

export type Payload = { kind: 'aave-v3-config-engine'; collateralUpdates: AaveCollateralUpdate[] } | { kind: 'maker-file-calls'; calls: MakerFileCall[] } | { kind: 'none'; reason: string };

const toBps = (x: number) => Math.round(x * 10000);

/** Decimal string of x × 10^decimals, exact for the few digits a parameter has. */
function fixedPoint(x: number, decimals: number): string {
  const [int, frac = ''] = x.toFixed(Math.min(decimals, 12)).split('.');
  const digits = (int + frac.padEnd(decimals, '0')).replace(/^0+(?=\d)/, '');
  return digits;
}

/** The payload that sets `path` (a resolved scenario path such as protocols.lender.reserves.ETH.liquidationThreshold) to `value`. */
export function payloadFor(path: string, value: number): Payload {
  const lending = /^protocols\.[^.]+\.reserves\.([^.]+)\.(ltv|liquidationThreshold|liquidationBonus)$/.exec(path);
  if (lending) {
    const [, asset, field] = lending;
    const u: AaveCollateralUpdate = { asset, ltv: KEEP_CURRENT, liqThreshold: KEEP_CURRENT, liqBonus: KEEP_CURRENT, debtCeiling: KEEP_CURRENT, liqProtocolFee: KEEP_CURRENT };
    if (field === 'ltv') u.ltv = toBps(value);
    if (field === 'liquidationThreshold') u.liqThreshold = toBps(value);
    if (field === 'liquidationBonus') u.liqBonus = toBps(value);
    return { kind: 'aave-v3-config-engine', collateralUpdates: [u] };
  }
  const cdp = /^protocols\.[^.]+\.ilks\.([^.]+)\.(liquidationRatio|penalty)$/.exec(path);
  if (cdp) {
    const [, ilk, field] = cdp;
    if (field === 'liquidationRatio') {
      return {
        kind: 'maker-file-calls',
        calls: [
          { contract: 'MCD_SPOT', signature: 'file(bytes32,bytes32,uint256)', args: [ilk, 'mat', fixedPoint(value, 27)] },
          { contract: 'MCD_SPOT', signature: 'poke(bytes32)', args: [ilk] },
        ],
      };
    }
    return { kind: 'maker-file-calls', calls: [{ contract: 'MCD_DOG', signature: 'file(bytes32,bytes32,uint256)', args: [ilk, 'chop', fixedPoint(1 + value, 18)] }] };
  }
  return { kind: 'none', reason: `no governance payload shape is known for ${path}` };
}

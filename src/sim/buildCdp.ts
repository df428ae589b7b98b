/**
 * Building a CDP system from its scenario spec: vault types with their auction rules, vaults
 * drawn from the scenario's distributions (or read from CSV), and the debt-auction settings.
 */
import type { CdpSpec, IlkSpec } from '../scenario/schema.js';
import type { Rng } from '../util/rng.js';
import { InputError } from '../util/errors.js';
import type { Ledger } from './ledger.js';
import { CdpSystem, type AuctionParams, type IlkParams } from '../protocols/cdp/cdpSystem.js';
import { generateVaults, readVaultsCsv, type VaultRows } from '../protocols/cdp/vaults.js';
import { exponentialDecrease, linearDecrease, stairstepExponentialDecrease, type Abacus } from '../protocols/cdp/abaci.js';

function auctionParams(a: IlkSpec['auction']): AuctionParams | null {
  if (!a) return null;
  if (a.kind === 'english') return { kind: 'english', beg: 1 + a.beg, ttl: a.ttl, tau: a.tau, lump: a.lump };
  const c = a.curve;
  const calc: Abacus = c.kind === 'stairstep' ? stairstepExponentialDecrease(c.step, c.cut) : c.kind === 'linear' ? linearDecrease(c.tau) : exponentialDecrease(c.cut);
  return { kind: 'dutch', buf: a.buf, tail: a.tail, cusp: a.cusp, tip: a.tip, chip: a.chip, chost: a.chost, calc };
}

export interface CdpBuildContext {
  scenarioFile: string;
  baseDir: string;
  /** Index of the protocol in the scenario (for error field paths). */
  specIndex: number;
  assetIndex(id: string): number;
  oracleIndex(id: string): number;
  reference: Float64Array;
  rng: Rng;
  ledger: Ledger;
}

export function buildCdp(spec: CdpSpec, ctx: CdpBuildContext): CdpSystem {
  const ilkOf = (id: string) => {
    const k = spec.ilks.findIndex((x) => x.id === id);
    return k < 0 ? undefined : k;
  };
  const stablecoin = ctx.assetIndex(spec.stablecoin);
  const rows: VaultRows = { ilk: [], collateral: [], debt: [] };
  for (const v of spec.vaults) {
    if ('file' in v) {
      readVaultsCsv(v.file, ctx.baseDir, ilkOf, rows);
      continue;
    }
    const k = ilkOf(v.ilk)!;
    generateVaults({ ilk: k, count: v.count, size: v.size, collateralisation: v.collateralisation }, ctx.reference[ctx.assetIndex(spec.ilks[k].asset)], ctx.reference[stablecoin], ctx.rng, rows);
  }
  const drawn = new Float64Array(spec.ilks.length);
  rows.ilk.forEach((k, i) => (drawn[k] += rows.debt[i]));
  const ilks: IlkParams[] = spec.ilks.map((ilk, k) => {
    if (ilk.debtCeiling !== undefined && drawn[k] > ilk.debtCeiling) {
      throw new InputError(
        `vaults draw ${drawn[k].toPrecision(6)} ${spec.stablecoin}, above the debt ceiling ${ilk.debtCeiling}`,
        ctx.scenarioFile,
        undefined,
        `protocols[${ctx.specIndex}].ilks[${k}].debtCeiling`,
      );
    }
    return {
      id: ilk.id,
      asset: ctx.assetIndex(ilk.asset),
      oracle: ctx.oracleIndex(ilk.oracle),
      mat: ilk.liquidationRatio,
      fee: ilk.stabilityFee,
      chop: 1 + ilk.penalty,
      line: ilk.debtCeiling ?? Infinity,
      auction: auctionParams(ilk.auction),
    };
  });
  const d = spec.debtAuction;
  return new CdpSystem(
    spec.id,
    stablecoin,
    spec.governanceToken !== undefined ? ctx.assetIndex(spec.governanceToken) : -1,
    ilks,
    rows,
    spec.surplus,
    d ? { delay: d.delay, lot: d.lot, maxMint: d.maxMint ?? Infinity, discount: d.discount, retry: d.retry, pad: d.pad } : null,
    ctx.ledger,
    // par: the stablecoin's reference price at the start
    ctx.reference[stablecoin],
  );
}

/**
 * CDP systems from their scenario specs: vault types with their auction rules, vaults drawn from
 * the scenario's distributions (or read from CSV) on the path's vaults stream, the debt-auction
 * settings; then each vault-owners cohort given its share of the vaults not already watched by an
 * earlier cohort of the same system (after every system is built, as the stream's draws require).
 */
import type { CdpSpec, IlkSpec } from '../../scenario/schema.js';
import type { Rng } from '../../util/rng.js';
import { InputError } from '../../util/errors.js';
import type { Ledger } from '../ledger.js';
import { CdpSystem, type AuctionParams, type IlkParams } from '../../protocols/cdp/cdpSystem.js';
import { generateVaults, readVaultsCsv, type VaultRows } from '../../protocols/cdp/vaults.js';
import { exponentialDecrease, linearDecrease, stairstepExponentialDecrease, type Abacus } from '../../protocols/cdp/abaci.js';
import { STREAM } from './context.js';
import type { BuiltProtocols, ProtocolBuildContext } from './protocols.js';

function auctionParams(a: IlkSpec['auction']): AuctionParams | null {
  if (!a) return null;
  if (a.kind === 'english') return { kind: 'english', beg: 1 + a.beg, ttl: a.ttl, tau: a.tau, lump: a.lump };
  const c = a.curve;
  const calc: Abacus = c.kind === 'stairstep' ? stairstepExponentialDecrease(c.step, c.cut) : c.kind === 'linear' ? linearDecrease(c.tau) : exponentialDecrease(c.cut);
  return { kind: 'dutch', buf: a.buf, tail: a.tail, cusp: a.cusp, tip: a.tip, chip: a.chip, chost: a.chost, calc };
}

interface CdpBuildContext {
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

function buildCdp(spec: CdpSpec, ctx: CdpBuildContext): CdpSystem {
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
    const held = rows.ilk.filter((x) => x === k).length;
    if (ilk.psm && held !== 1) {
      // the module is one vault, the contract's own: the gem it holds and the stablecoin it drew
      throw new InputError(
        `expected exactly one vault of the peg stability module ${ilk.id} (its own: {ilk: ${ilk.id}, count: 1, size, collateralisation: 1}), got ${held}`,
        ctx.scenarioFile,
        undefined,
        `protocols[${ctx.specIndex}].ilks[${k}].psm`,
      );
    }
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
      psm: ilk.psm ? { tin: ilk.psm.tin, tout: ilk.psm.tout } : null,
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

export function buildCdpSystems(specs: { spec: CdpSpec; specIndex: number }[], ctx: ProtocolBuildContext): BuiltProtocols {
  const rng = ctx.stream(STREAM.vaults);
  const { loaded, assetIndex, oracleIndex, reference, ledger } = ctx;
  const protocols = specs.map(({ spec, specIndex }) => buildCdp(spec, { scenarioFile: loaded.file, baseDir: loaded.baseDir, specIndex, assetIndex, oracleIndex, reference, rng, ledger }));
  const cohortTags = new Map<string, number>();
  const owners = ctx.scenario.agents.filter((a) => a.kind === 'vault-owners');
  for (const cdp of protocols) {
    owners
      .filter((o) => o.cdp === cdp.id)
      .forEach((o, k) => {
        cohortTags.set(o.id, k + 1);
        const b = cdp.vaults;
        for (let v = 0; v < b.count; v++) if (b.owners[v] === 0 && rng.uniform() < o.share) b.owners[v] = k + 1;
      });
  }
  return { protocols, cohortTags };
}

/**
 * The peg stability module (Maker's DssPsm): a vault type without auctions whose one vault is the
 * module's own. Anyone swaps the backing asset (the gem, USDC) for the stablecoin one-to-one and
 * back, through transactions:
 *   sellGem(g): g gem in; the module's vault locks g and draws g of debt; the seller receives
 *               g·(1 − tin) stablecoin and the fee g·tin goes to the surplus;
 *   buyGem(g):  the buyer pays g·(1 + tout) stablecoin; g of it repays the vault's debt (burnt),
 *               the fee g·tout goes to the surplus; the vault frees g gem to the buyer.
 * A sale that would take the vault type's debt past its ceiling, or a purchase of more gem than
 * the module holds or with stablecoin the buyer lacks, fails whole, as the contract reverts.
 * Amounts are in gem units; the stablecoin is counted one-to-one with the gem, as the module does
 * (USDC has 6 decimals, DAI 18: dss-psm's `to18ConversionFactor`).
 *
 * Reference: makerdao/dss-psm (`DssPsm.sol`: sellGem, buyGem, tin, tout), read there; written here.
 */
import type { LedgerLike } from './context.js';
import type { CdpSystem } from './cdpSystem.js';

export interface PsmParams {
  /** Fee on selling gem into the module (dss-psm tin), e.g. 0.001. */
  tin: number;
  /** Fee on buying gem from it (tout). */
  tout: number;
}

export type PsmResult = { ok: true; gem: number; stable: number; fee: number } | { ok: false; reason: string };

/** The module's vault of vault type `k`: the first (and only) vault of the type. */
export function psmVault(c: CdpSystem, k: number): number {
  const b = c.vaults;
  for (let v = 0; v < b.count; v++) if (b.ilk[v] === k) return v;
  return -1;
}

/** Room left under the vault type's debt ceiling (stablecoin), Infinity without one. */
export function psmRoom(c: CdpSystem, k: number): number {
  const ilk = c.ilks[k];
  return ilk.line === Infinity ? Infinity : Math.max(0, ilk.line - ilk.Art * ilk.rate);
}

/** Gem the module holds (what buyGem can free). */
export function psmHeld(c: CdpSystem, k: number): number {
  const v = psmVault(c, k);
  return v < 0 ? 0 : c.vaults.ink[v];
}

export function sellGem(c: CdpSystem, k: number, gem: number, account: number, ledger: LedgerLike): PsmResult {
  const ilk = c.ilks[k];
  const psm = ilk.psm;
  const v = psmVault(c, k);
  if (!psm || v < 0) return { ok: false, reason: 'not a peg stability module' };
  if (!(gem > 0)) return { ok: false, reason: 'nothing to sell' };
  if (ledger.balance(account, ilk.asset) < gem * (1 - 1e-12)) return { ok: false, reason: 'gem balance too low' };
  if (gem > psmRoom(c, k) * (1 + 1e-12)) return { ok: false, reason: 'debt ceiling reached' };
  const amount = Math.min(gem, ledger.balance(account, ilk.asset));
  const fee = amount * psm.tin;
  ledger.transfer(account, c.account, ilk.asset, amount);
  c.vaults.ink[v] += amount;
  ilk.ink += amount;
  const dart = amount / ilk.rate;
  c.vaults.art[v] += dart;
  ilk.Art += dart;
  // the stablecoin drawn: the seller's share to the seller, the fee to the surplus (both new debt)
  ledger.mint(account, c.stablecoin, amount - fee);
  c.vow.supply += amount - fee;
  if (fee > 0) c.vow.collectFee(fee, ledger);
  return { ok: true, gem: amount, stable: amount - fee, fee };
}

export function buyGem(c: CdpSystem, k: number, gem: number, account: number, ledger: LedgerLike): PsmResult {
  const ilk = c.ilks[k];
  const psm = ilk.psm;
  const v = psmVault(c, k);
  if (!psm || v < 0) return { ok: false, reason: 'not a peg stability module' };
  if (!(gem > 0)) return { ok: false, reason: 'nothing to buy' };
  if (gem > c.vaults.ink[v]) return { ok: false, reason: 'the module holds less gem' };
  const fee = gem * psm.tout;
  if (ledger.balance(account, c.stablecoin) < gem + fee) return { ok: false, reason: 'stablecoin balance too low' };
  // g repays the module's debt (burnt); the fee is surplus the buyer pays in
  ledger.burn(account, c.stablecoin, gem);
  c.vow.supply -= gem;
  const dart = Math.min(c.vaults.art[v], gem / ilk.rate);
  c.vaults.art[v] -= dart;
  ilk.Art -= dart;
  if (fee > 0) {
    ledger.transfer(account, c.account, c.stablecoin, fee);
    c.vow.joy += fee;
  }
  c.vaults.ink[v] -= gem;
  ilk.ink -= gem;
  ledger.transfer(c.account, account, ilk.asset, gem);
  return { ok: true, gem, stable: gem + fee, fee };
}

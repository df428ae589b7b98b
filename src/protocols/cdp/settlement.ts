/**
 * Applying keepers' and vault owners' transactions to a CDP system at their block's time (the
 * simulator has already charged the gas): bites start auctions, tend/dent/take/redo act on running
 * ones, top-ups and repayments care for vaults. A bid the auction rejects (outbid in the same
 * block, its bid expired, the keeper's stablecoin spent) simply fails, its gas already paid; the
 * failures are recorded as events.
 */
import type { CdpSystem } from './cdpSystem.js';
import type { CdpTransaction } from './transactions.js';
import type { TxContext } from './context.js';
import { buyGem, sellGem } from './psm.js';

export function applyCdpTx(c: CdpSystem, tx: CdpTransaction, ctx: TxContext): void {
  const { account, agent, ledger, now: time } = ctx;
  switch (tx.kind) {
    case 'bite': {
      const ilk = c.vaults.ilk[tx.vault];
      if (c.bite(tx.vault, account, time, ledger, ctx.reference)) {
        ctx.record('bite', { cdp: c.id, ilk: c.ilks[ilk].id, vault: tx.vault, agent, blockTime: time });
      } else ctx.record('bite-failed', { cdp: c.id, vault: tx.vault, agent });
      return;
    }
    case 'tend':
    case 'dent': {
      const r = tx.kind === 'tend' ? c.tend(tx.ilk, tx.auction, account, tx.lot, tx.bid, time, ledger) : c.dent(tx.ilk, tx.auction, account, tx.lot, tx.bid, time, ledger);
      ctx.record(r.ok ? tx.kind : `${tx.kind}-failed`, {
        cdp: c.id,
        ilk: c.ilks[tx.ilk].id,
        auction: tx.auction,
        agent,
        lot: tx.lot,
        bid: tx.bid,
        blockTime: time,
        ...(r.ok ? {} : { reason: r.reason }),
      });
      return;
    }
    case 'take': {
      const r = c.take(tx.ilk, tx.auction, tx.amount, tx.maxPrice, account, time, ledger, ctx.reference);
      ctx.record(r.ok ? 'take' : 'take-failed', {
        cdp: c.id,
        ilk: c.ilks[tx.ilk].id,
        auction: tx.auction,
        agent,
        amount: tx.amount,
        maxPrice: tx.maxPrice,
        blockTime: time,
        ...(r.ok ? {} : { reason: r.reason }),
      });
      return;
    }
    case 'vault-top-up':
    case 'vault-repay': {
      const done = tx.kind === 'vault-top-up' ? c.topUp(tx.vault, tx.amount, ledger) : c.repay(tx.vault, tx.amount, ledger);
      if (done > 0) ctx.record(tx.kind, { cdp: c.id, vault: tx.vault, agent, amount: done, blockTime: time });
      return;
    }
    case 'redo': {
      const r = c.redo(tx.ilk, tx.auction, account, time, ledger);
      if (r.ok) ctx.record('redo', { cdp: c.id, ilk: c.ilks[tx.ilk].id, auction: tx.auction, agent, blockTime: time });
      return;
    }
    case 'psm-sell-gem':
    case 'psm-buy-gem': {
      const r = tx.kind === 'psm-sell-gem' ? sellGem(c, tx.ilk, tx.gem, account, ledger) : buyGem(c, tx.ilk, tx.gem, account, ledger);
      if (r.ok) ctx.record(tx.kind, { cdp: c.id, ilk: c.ilks[tx.ilk].id, agent, gem: r.gem, stable: r.stable, fee: r.fee, blockTime: time });
      else ctx.record(`${tx.kind}-failed`, { cdp: c.id, ilk: c.ilks[tx.ilk].id, agent, gem: tx.gem, reason: r.reason });
      return;
    }
    default:
      // the world routes by protocol index: another kind's transaction here is an agent's bug
      throw new Error(`CDP system ${c.id} cannot apply a ${(tx as { kind: string }).kind} transaction`);
  }
}

/** What a transaction is about: a keeper's bids on one auction replace each other, whatever their kind. */
export function cdpTxSubject(tx: CdpTransaction): string {
  switch (tx.kind) {
    case 'bite':
      return `bite:${tx.vault}`;
    case 'tend':
    case 'dent':
    case 'take':
      return `bid:${tx.ilk}:${tx.auction}`;
    case 'redo':
      return `redo:${tx.ilk}:${tx.auction}`;
    case 'vault-top-up':
    case 'vault-repay':
      return `${tx.kind}:${tx.vault}`;
    case 'psm-sell-gem':
    case 'psm-buy-gem':
      return `${tx.kind}:${tx.ilk}`;
  }
}

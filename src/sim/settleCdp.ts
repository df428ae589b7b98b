/**
 * Applying keepers' and vault owners' transactions to a CDP system at their block's time: bites
 * start auctions, tend/dent/take/redo act on running ones, top-ups and repayments care for vaults. A bid the auction rejects (outbid in the same block,
 * its bid expired, the keeper's stablecoin spent) simply fails, its gas already paid; the
 * failures are recorded as events.
 */
import type { World } from './world.js';
import type { CdpTransaction } from './transactions.js';
import { record } from './settle.js';

export function settleCdp(w: World, tx: CdpTransaction, account: number, time: number): void {
  const c = w.cdps[tx.cdp];
  const agent = w.agents[tx.sender].id;
  switch (tx.kind) {
    case 'bite': {
      const ilk = c.vaults.ilk[tx.vault];
      if (c.bite(tx.vault, account, time, w.ledger, w.reference)) {
        record(w, 'bite', { cdp: c.id, ilk: c.ilks[ilk].id, vault: tx.vault, agent, blockTime: time });
      } else record(w, 'bite-failed', { cdp: c.id, vault: tx.vault, agent });
      return;
    }
    case 'tend':
    case 'dent': {
      const r =
        tx.kind === 'tend'
          ? c.tend(tx.ilk, tx.auction, account, tx.lot, tx.bid, time, w.ledger)
          : c.dent(tx.ilk, tx.auction, account, tx.lot, tx.bid, time, w.ledger);
      record(w, r.ok ? tx.kind : `${tx.kind}-failed`, { cdp: c.id, ilk: c.ilks[tx.ilk].id, auction: tx.auction, agent, lot: tx.lot, bid: tx.bid, blockTime: time, ...(r.ok ? {} : { reason: r.reason }) });
      return;
    }
    case 'take': {
      const r = c.take(tx.ilk, tx.auction, tx.amount, tx.maxPrice, account, time, w.ledger, w.reference);
      record(w, r.ok ? 'take' : 'take-failed', { cdp: c.id, ilk: c.ilks[tx.ilk].id, auction: tx.auction, agent, amount: tx.amount, maxPrice: tx.maxPrice, blockTime: time, ...(r.ok ? {} : { reason: r.reason }) });
      return;
    }
    case 'vault-top-up':
    case 'vault-repay': {
      const done = tx.kind === 'vault-top-up' ? c.topUp(tx.vault, tx.amount, w.ledger) : c.repay(tx.vault, tx.amount, w.ledger);
      if (done > 0) record(w, tx.kind, { cdp: c.id, vault: tx.vault, agent, amount: done, blockTime: time });
      return;
    }
    case 'redo': {
      const r = c.redo(tx.ilk, tx.auction, account, time, w.ledger);
      if (r.ok) record(w, 'redo', { cdp: c.id, ilk: c.ilks[tx.ilk].id, auction: tx.auction, agent, blockTime: time });
      return;
    }
  }
}

/**
 * Accounting invariants, checked every step with `--check-invariants`: no negative balance,
 * each asset's total equal to what was minted minus burned, venues' reserves equal to the tokens
 * the ledger says they hold, and every protocol's own books against the ledger (protocol.ts
 * `checkInvariants`: its totals equal the sums over its positions, bad debt booked once, and what
 * else its kind keeps). A violation stops the run: a simulator whose books do not balance has no
 * figure worth reporting.
 */
import type { World } from './worldTypes.js';

const EPS = 1e-9;

export function checkInvariants(w: World): string[] {
  const problems: string[] = [];
  const { ledger } = w;
  for (let acct = 0; acct < ledger.accountCount; acct++) {
    for (let a = 0; a < ledger.assetCount; a++) {
      const b = ledger.balance(acct, a);
      if (b < -EPS * Math.max(1, ledger.minted[a])) problems.push(`${ledger.accountName(acct)} holds ${b} ${w.assetIds[a]}`);
    }
  }
  for (let a = 0; a < ledger.assetCount; a++) {
    const total = ledger.total(a);
    const expected = ledger.minted[a] - ledger.burned[a];
    if (Math.abs(total - expected) > EPS * Math.max(1, ledger.minted[a])) problems.push(`${w.assetIds[a]}: total ${total} ≠ minted − burned ${expected}`);
  }
  for (const v of w.venues) {
    const acct = ledger.account(`venue:${v.id}`);
    for (const [a, amount] of v.holdings()) {
      const held = ledger.balance(acct, a);
      if (Math.abs(held - amount) > EPS * Math.max(1, amount)) problems.push(`venue ${v.id}: reserves ${amount} ${w.assetIds[a]} but the ledger says ${held}`);
    }
  }
  for (const p of w.protocols) problems.push(...p.checkInvariants(ledger));
  return problems;
}

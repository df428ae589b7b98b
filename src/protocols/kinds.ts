/**
 * Narrowing a protocol to its kind. The simulator hands protocols around through the protocol
 * contract; code made for one kind (a liquidator for lending markets, a keeper or an observation
 * feature for CDP systems, an option liquidator for option venues) narrows here. The scenario's cross-reference checks already refuse a
 * reference to the wrong kind, so a mismatch here is a bug, and says so. Structural on purpose:
 * protocols do not import the simulator's contract.
 */
import type { LendingMarket } from './lending/lendingMarket.js';
import type { CdpSystem } from './cdp/cdpSystem.js';
import type { OptionVenue } from './options/optionVenue.js';

interface Kinded {
  readonly id: string;
  readonly kind: string;
}

export function asLendingMarket(p: Kinded): LendingMarket {
  if (p.kind !== 'lending') throw new Error(`protocol ${p.id} is a ${p.kind} protocol, not a lending market`);
  return p as unknown as LendingMarket;
}

export function asCdpSystem(p: Kinded): CdpSystem {
  if (p.kind !== 'cdp') throw new Error(`protocol ${p.id} is a ${p.kind} protocol, not a CDP system`);
  return p as unknown as CdpSystem;
}

export function asOptionVenue(p: Kinded): OptionVenue {
  if (p.kind !== 'options') throw new Error(`protocol ${p.id} is a ${p.kind} protocol, not an option venue`);
  return p as unknown as OptionVenue;
}

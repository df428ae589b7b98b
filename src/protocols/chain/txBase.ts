/**
 * What every transaction an agent submits carries, whatever it does: who sent it and what it bids
 * for block space. The chain orders transactions by these fields alone; each protocol kind and
 * the venues declare the rest of their own transactions.
 */
export interface TxBase {
  /** Index of the submitting agent in the world. */
  sender: number;
  /** Gas units the transaction uses. */
  gas: number;
  /** Fee bid per gas unit, in gwei. */
  gasPrice: number;
}

/**
 * The asset gas is paid in when the file does not say (`chain.nativeAsset`). ETH is the default;
 * a scenario that models wrapped ether only (`WETH`, as most DeFi books hold it) means it for gas
 * too, so its only ETH-like asset is taken. Without either, the author must name one: guessing a
 * token to pay gas in would change every keeper's budget silently.
 */
const ETH_LIKE = ['ETH', 'WETH'];

/** Fills in `chain.nativeAsset` on the raw document where it is absent; returns a problem to report, or null. */
export function defaultNativeAsset(raw: Record<string, unknown>): string | null {
  const chain = raw.chain;
  if (chain !== undefined && (chain === null || typeof chain !== 'object' || Array.isArray(chain))) return null; // the schema reports it
  if (chain && (chain as Record<string, unknown>).nativeAsset !== undefined) return null;
  if (!Array.isArray(raw.assets)) return null;
  const ids = raw.assets.map((a) => (a && typeof a === 'object' ? (a as Record<string, unknown>).id : undefined)).filter((id): id is string => typeof id === 'string');
  if (ids.includes('ETH')) return null; // the schema's default
  const ethLike = ids.filter((id) => ETH_LIKE.includes(id.toUpperCase()));
  if (ethLike.length === 1) {
    raw.chain = { ...((chain as Record<string, unknown> | undefined) ?? {}), nativeAsset: ethLike[0] };
    return null;
  }
  return `gas is paid in ETH unless chain.nativeAsset names another asset, and this scenario has no asset ETH (nor one WETH): set chain.nativeAsset to the asset that pays gas (known: ${ids.join(', ')})`;
}

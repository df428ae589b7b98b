/**
 * Where each position lives in the book's typed arrays. Positions are stored in the order the
 * liquidation index visits them: by (collateral, debt) pair, then by bucket of liquidation key,
 * and within a bucket by descending id, which is the order of the bucket's list when positions
 * are linked in id order (each link goes to the front). A price move then walks the positions
 * of the buckets it crosses as consecutive array slots, and the zone lists it fills, which the
 * liquidators read and settle in order, point at neighbouring memory: at a million positions the
 * difference between a cache hit and a miss on every position touched.
 *
 * The order is a layout, not an identity: a position keeps its id (its row among the drawn or
 * read positions) in every transaction and output, and the book maps slot ↔ id (positions.ts).
 * Pairs are numbered by first appearance in id order, as the index numbers them, so that the
 * slot order meets them in the same order.
 */
import { bucketOf } from './liquidationIndex.js';

/** Ids in storage order: `order[slot]` is the id of the position stored at `slot`. */
export function storageOrder(collateralReserve: ArrayLike<number>, debtReserve: ArrayLike<number>, keys: Float64Array): Int32Array {
  const n = keys.length;
  const pairOf = new Int32Array(n);
  const pairIndex = new Map<number, number>();
  // buckets counted from the lowest a position is in: the keys span a few thousand of the 60,001
  const bucket = new Int32Array(n);
  let minBucket = Infinity;
  let maxBucket = 0;
  for (let id = 0; id < n; id++) {
    const code = collateralReserve[id] * 256 + debtReserve[id];
    let p = pairIndex.get(code);
    if (p === undefined) {
      p = pairIndex.size;
      pairIndex.set(code, p);
    }
    pairOf[id] = p;
    bucket[id] = bucketOf(keys[id]);
    if (bucket[id] > maxBucket) maxBucket = bucket[id];
    if (bucket[id] < minBucket) minBucket = bucket[id];
  }
  for (let id = 0; id < n; id++) bucket[id] -= minBucket;
  // two stable counting sorts (least significant first): by bucket over ids taken in descending
  // order, then by pair
  const byBucket = countingSort(descendingIds(n), bucket, n > 0 ? maxBucket - minBucket + 1 : 1);
  return countingSort(byBucket, pairOf, pairIndex.size);
}

function descendingIds(n: number): Int32Array {
  const ids = new Int32Array(n);
  for (let k = 0; k < n; k++) ids[k] = n - 1 - k;
  return ids;
}

/**
 * `items` stably sorted by `digit[item]` (0 ≤ digit < range). Each pass is a function of its own:
 * V8 optimises a hot loop while it runs, and a function whose later loops have not run yet is
 * thrown out of optimised code when it reaches them, at every world built.
 */
function countingSort(items: Int32Array, digit: Int32Array, range: number): Int32Array {
  const start = startsOf(items, digit, range);
  return placed(items, digit, start);
}

/** Where each digit's items start in the sorted order. */
function startsOf(items: Int32Array, digit: Int32Array, range: number): Int32Array {
  const start = new Int32Array(range + 1);
  for (let k = 0; k < items.length; k++) start[digit[items[k]] + 1]++;
  return prefixSums(start);
}

function prefixSums(start: Int32Array): Int32Array {
  for (let d = 1; d < start.length; d++) start[d] += start[d - 1];
  return start;
}

function placed(items: Int32Array, digit: Int32Array, start: Int32Array): Int32Array {
  const out = new Int32Array(items.length);
  for (let k = 0; k < items.length; k++) out[start[digit[items[k]]]++] = items[k];
  return out;
}

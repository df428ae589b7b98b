/**
 * The protocol-to-protocol exposure network: who holds what the others issue.
 *
 * A protocol X that accepts as collateral (or otherwise holds) an asset issued by protocol Y
 * worth V is exposed to Y by V: if Y loses value, so does X's claim. The matrix is stored
 * row-major in a Float64Array, `exposure[x * n + y]` = value X holds of Y's issue
 * (X's exposure to Y; in DebtRank terms, Y's liability held by X). Self-holdings are ignored:
 * a protocol's own token is not an external exposure.
 *
 * This is the input of DebtRank (debtRank.ts: impact of Y on X = min(1, exposure[X][Y] / E_X))
 * and of Eisenberg–Noe clearing (eisenbergNoe.ts: Y owes X exposure[X][Y]).
 */

export interface ProtocolEquity {
  id: string;
  /** Capital buffer that absorbs losses before the protocol's own creditors are hit. */
  equity: number;
}

export interface Holding {
  holder: string;
  issuer: string;
  /** Value (in the numeraire) of the issuer's liabilities that the holder carries. */
  value: number;
}

export interface ExposureNetwork {
  n: number;
  ids: string[];
  index: Map<string, number>;
  equity: Float64Array;
  /** exposure[x * n + y] = value X holds of what Y issued. */
  exposure: Float64Array;
}

export function buildExposureNetwork(input: { protocols: ProtocolEquity[]; holdings: Holding[] }): ExposureNetwork {
  const n = input.protocols.length;
  const ids = input.protocols.map((p) => p.id);
  const index = new Map<string, number>();
  ids.forEach((id, i) => {
    if (index.has(id)) throw new RangeError(`protocol id "${id}" appears twice`);
    index.set(id, i);
  });
  const equity = new Float64Array(n);
  input.protocols.forEach((p, i) => {
    if (!Number.isFinite(p.equity)) throw new RangeError(`protocol "${p.id}": equity must be finite`);
    equity[i] = p.equity;
  });
  const exposure = new Float64Array(n * n);
  for (const h of input.holdings) {
    const x = index.get(h.holder);
    const y = index.get(h.issuer);
    if (x === undefined) throw new RangeError(`holding names unknown holder "${h.holder}"`);
    if (y === undefined) throw new RangeError(`holding names unknown issuer "${h.issuer}"`);
    if (!(h.value >= 0) || !Number.isFinite(h.value)) throw new RangeError(`holding ${h.holder} → ${h.issuer}: value must be finite and non-negative`);
    if (x === y) continue;
    exposure[x * n + y] += h.value;
  }
  return { n, ids, index, equity, exposure };
}

/** Total each protocol holds of the others (row sums): its inter-protocol assets. */
export function interProtocolAssets(net: ExposureNetwork): Float64Array {
  const { n, exposure } = net;
  const out = new Float64Array(n);
  for (let x = 0; x < n; x++) {
    let s = 0;
    for (let y = 0; y < n; y++) s += exposure[x * n + y];
    out[x] = s;
  }
  return out;
}

/** Total the others hold of each protocol's issue (column sums): its inter-protocol liabilities. */
export function interProtocolLiabilities(net: ExposureNetwork): Float64Array {
  const { n, exposure } = net;
  const out = new Float64Array(n);
  for (let x = 0; x < n; x++) for (let y = 0; y < n; y++) out[y] += exposure[x * n + y];
  return out;
}

/**
 * Liability matrix for Eisenberg–Noe: liabilities[y * n + x] = what Y owes X = exposure[x][y]
 * (the transpose of the exposure matrix).
 */
export function liabilityMatrix(net: ExposureNetwork): Float64Array {
  const { n, exposure } = net;
  const out = new Float64Array(n * n);
  for (let x = 0; x < n; x++) for (let y = 0; y < n; y++) out[y * n + x] = exposure[x * n + y];
  return out;
}

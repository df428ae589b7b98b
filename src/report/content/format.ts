/** How numbers read in a report: one place, so tables, captions and Markdown agree. */

const grouped = (x: number, digits: number) => x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export const usd = (x: number | null | undefined): string => (x === null || x === undefined ? '—' : `$${grouped(x, 0)}`);
export const amount = (x: number | null | undefined, digits = 0): string => (x === null || x === undefined ? '—' : grouped(x, digits));
export const pct = (x: number | null | undefined, digits = 1): string => (x === null || x === undefined ? '—' : `${(100 * x).toFixed(digits)} %`);
export const times = (x: number | null | undefined): string => (x === null || x === undefined ? '—' : `${x.toFixed(3)}×`);
export const hours = (s: number | null | undefined): string => (s === null || s === undefined ? 'never' : `${(s / 3600).toFixed(2)} h`);

/** A duration in seconds the way scenarios write them. */
export function duration(s: number): string {
  if (s === 0) return '0 s'; // a whole number of every unit: seconds read best ("latency 0 s", not "0 d")
  if (s % 86400 === 0) return `${s / 86400} d`;
  if (s % 3600 === 0) return `${s / 3600} h`;
  if (s % 60 === 0) return `${s / 60} min`;
  return `${s} s`;
}

/** `[low, high]`, an open end shown as `…` (the paths cannot bound it). */
export const interval = (iv: [number | null, number | null] | null | undefined, f: (x: number | null) => string): string =>
  iv ? `[${iv[0] === null ? '…' : f(iv[0])}, ${iv[1] === null ? '…' : f(iv[1])}]` : '—';

// Exact arithmetic for scores. Scores are multiples of 0.25 at worst (a ×2.5 scale on whole points
// gives halves), so a sum of scores is exact in binary floating point, but an average or a change
// between two averages is not. We keep averages as fractions of BigInts and round only when a
// figure is shown, half away from zero, so 91.25 shows as 91.3 and never as 91.2 by float error.

export interface Fraction {
  n: bigint;
  d: bigint; // always > 0
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a || 1n;
}

function make(n: bigint, d: bigint): Fraction {
  if (d === 0n) throw new RangeError('division by zero');
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d);
  return { n: n / g, d: d / g };
}

/** A finite decimal number (a score, a threshold like 89.5) as an exact fraction. */
export function fraction(x: number): Fraction {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  // Scores and settings have few decimals; find the power of ten that makes x whole.
  for (let k = 0, p = 1n, f = 1; k <= 12; k++, p *= 10n, f *= 10) {
    const scaled = x * f;
    if (Number.isInteger(scaled) && Math.abs(scaled) <= Number.MAX_SAFE_INTEGER) return make(BigInt(scaled), p);
  }
  // Binary fractions like 0.125 are caught above; anything else is rounded at 12 decimals.
  return make(BigInt(Math.round(x * 1e12)), 10n ** 12n);
}

export const add = (a: Fraction, b: Fraction): Fraction => make(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Fraction, b: Fraction): Fraction => make(a.n * b.d - b.n * a.d, a.d * b.d);
export const divInt = (a: Fraction, k: number): Fraction => make(a.n, a.d * BigInt(k));
export const compare = (a: Fraction, b: Fraction): number => {
  const diff = a.n * b.d - b.n * a.d;
  return diff < 0n ? -1 : diff > 0n ? 1 : 0;
};
export const toNumber = (a: Fraction): number => Number(a.n) / Number(a.d);
/** a × b / c, exactly (a score on another maximum: total × 100 / max). */
export const scaleTo = (a: Fraction, b: number, c: number): Fraction => {
  const fb = fraction(b);
  const fc = fraction(c);
  return make(a.n * fb.n * fc.d, a.d * fb.d * fc.n);
};

/** Whether a value is a whole number of quarter points (every score is: the sheet allows only ×k/4 scales). */
const isQuarter = (v: number) => Number.isInteger(v * 4) && Math.abs(v) < 2 ** 48;

/**
 * Sum of numbers, exactly. Quarter-point values add exactly in binary floating point (well below
 * 2^53), so the common case sums plainly and makes one fraction at the end; anything else goes
 * through fractions term by term.
 */
export function sum(values: number[]): Fraction {
  if (values.every(isQuarter)) return fraction(values.reduce((acc, v) => acc + v, 0));
  return values.reduce<Fraction>((acc, v) => add(acc, fraction(v)), { n: 0n, d: 1n });
}

/** A running exact sum: plain addition while every term is a quarter point, fractions otherwise. */
export class ExactSum {
  private plain = 0;
  private exact: Fraction | null = null;
  add(v: number): void {
    if (this.exact === null && isQuarter(v) && isQuarter(this.plain + v)) this.plain += v;
    else this.exact = add(this.exact ?? fraction(this.plain), fraction(v));
  }
  value(): Fraction {
    return this.exact ?? fraction(this.plain);
  }
}

/** The mean of `count` values that add up to `total`; null for no values. */
export function mean(total: number | Fraction, count: number): Fraction | null {
  if (count <= 0) return null;
  return divInt(typeof total === 'number' ? fraction(total) : total, count);
}

/** Rounded half away from zero to `decimals` places, as text ("91.3", "-0.25", "90.0"). */
export function toFixed(a: Fraction, decimals: number): string {
  const scale = 10n ** BigInt(decimals);
  const negative = a.n < 0n;
  const abs = negative ? -a.n : a.n;
  const rounded = (2n * abs * scale + a.d) / (2n * a.d);
  if (rounded === 0n) return decimals ? `0.${'0'.repeat(decimals)}` : '0';
  const digits = rounded.toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const frac = decimals ? `.${digits.slice(digits.length - decimals)}` : '';
  return `${negative ? '-' : ''}${whole}${frac}`;
}

/** A change shown with its sign: "+1.25", "-0.50", "0.00". */
export function signed(a: Fraction, decimals: number): string {
  const text = toFixed(a, decimals);
  return a.n > 0n && !/^0\.?0*$/.test(text) ? `+${text}` : text;
}

/** A score as people write it: 17.5, 90, 82.25 (never a trailing .0). */
export function scoreText(x: number): string {
  return String(Number(x.toFixed(4)));
}

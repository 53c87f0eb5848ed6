/**
 * A small seeded PRNG (sfc32) for the hot loops of the generator: faker builds the pools of
 * realistic values once, and this picks from them millions of times, fast and reproducibly.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 20; i++) this.u32();
  }

  /** A uniform 32-bit unsigned integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  float(): number {
    return this.u32() / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** An integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /** Picks with a skew towards the front of the list (a rough Zipf): popular names come first. */
  skewed<T>(items: readonly T[], power = 2): T {
    return items[Math.floor(items.length * this.float() ** power)]!;
  }

  /** A digit string of this length. */
  digits(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += String(this.int(10));
    return out;
  }
}

/** Picks from [value, weight] pairs. */
export function weighted<T>(pairs: readonly (readonly [T, number])[]): (rng: Rng) => T {
  const total = pairs.reduce((sum, [, w]) => sum + w, 0);
  const values = pairs.map(([v]) => v);
  const cumulative: number[] = [];
  let acc = 0;
  for (const [, w] of pairs) {
    acc += w / total;
    cumulative.push(acc);
  }
  return (rng) => {
    const x = rng.float();
    for (let i = 0; i < cumulative.length; i++) if (x < cumulative[i]!) return values[i]!;
    return values[values.length - 1]!;
  };
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/**
 * A UUIDv7 string for an instant, with seeded random bits: the app's ids are UUIDv7 made when a
 * row is created, so ids sort by creation time here too.
 */
export function uuid7(ms: number, rng: Rng): string {
  const ts = hex(Math.floor(ms), 12);
  const a = rng.u32();
  const b = rng.u32();
  const c = rng.u32();
  const randA = hex(a & 0xfff, 3);
  const variant = hex(0x8 | ((a >>> 12) & 0x3), 1);
  const r1 = hex((a >>> 14) & 0xfff, 3);
  const r2 = hex(b, 8) + hex(c & 0xffff, 4);
  return `${ts.slice(0, 8)}-${ts.slice(8, 12)}-7${randA}-${variant}${r1}-${r2}`;
}

/**
 * Deterministic, order-independent randomness for the data generator: every value is a hash of
 * (table tag, row index, field), so any row can be recomputed from its index alone (e.g. a
 * referral's client or consent id) without keeping millions of ids in memory. Two builds of the same
 * size produce the same organizations, people and ids; dates are relative to the day of the build.
 */

/** A 32-bit integer hash with good avalanche (lowbias32). */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** A hash of a tag, an index and a field number. */
export function hash3(tag: number, index: number, field: number): number {
  return mix32(mix32(index ^ Math.imul(tag, 0x9e3779b1)) ^ Math.imul(field + 1, 0x85ebca6b) ^ tag);
}

/** A float in [0, 1) for (tag, index, field). */
export function rnd(tag: number, index: number, field: number): number {
  return hash3(tag, index, field) / 4294967296;
}

/** An integer in [min, max] for (tag, index, field). */
export function rndInt(tag: number, index: number, field: number, min: number, max: number): number {
  return min + Math.floor(rnd(tag, index, field) * (max - min + 1));
}

/** One element of `items` for (tag, index, field). */
export function pick<T>(items: readonly T[], tag: number, index: number, field: number): T {
  return items[Math.floor(rnd(tag, index, field) * items.length)];
}

/** Picks a key of `weights` with probability proportional to its weight. */
export function weighted<K extends string>(weights: readonly (readonly [K, number])[], u: number): K {
  let total = 0;
  for (const [, weight] of weights) total += weight;
  let at = u * total;
  for (const [key, weight] of weights) {
    at -= weight;
    if (at < 0) return key;
  }
  return weights[weights.length - 1][0];
}

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex32(x: number): string {
  return HEX[(x >>> 24) & 255] + HEX[(x >>> 16) & 255] + HEX[(x >>> 8) & 255] + HEX[x & 255];
}

/**
 * A version-4-shaped UUID for row `index` of table `tag`. The first 32 bits are a bijection of the
 * index (mix32 of an injective function of it), so ids of one table never collide below 2^32 rows.
 */
export function uuid(tag: number, index: number): string {
  const a = mix32((index ^ Math.imul(tag, 0x27d4eb2f)) >>> 0);
  const b = (hash3(tag, index, 101) & 0xffff0fff) | 0x00004000;
  const c = ((hash3(tag, index, 102) & 0x3fffffff) | 0x80000000) >>> 0;
  const d = hash3(tag, index, 103);
  const hb = hex32(b >>> 0);
  const hc = hex32(c);
  return `${hex32(a)}-${hb.slice(0, 4)}-${hb.slice(4)}-${hc.slice(0, 4)}-${hc.slice(4)}${hex32(d)}`;
}

/** Table tags: one per kind of row, so that ids and random draws of different tables are independent. */
export const T = {
  organization: 1,
  user: 2,
  membership: 3,
  service: 4,
  location: 5,
  serviceAtLocation: 6,
  partnership: 7,
  partnershipEvent: 8,
  client: 9,
  consent: 10,
  referral: 11,
  referralEvent: 12,
  program: 13,
  programMember: 14,
  programResult: 15,
  indicator: 16,
  indicatorTarget: 17,
  enrollment: 18,
  delivery: 19,
  reportedValue: 20,
  apiKey: 21,
  clientPlan: 22,
  referralPlan: 23,
  programPlan: 24,
} as const;

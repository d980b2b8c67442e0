import { describe, expect, it } from "vitest";
import { createRandom } from "../../../src/lib/random";

describe("createRandom", () => {
  it("repeats the same stream for the same seed and differs for another", () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom(43);
    const seqA = Array.from({ length: 20 }, () => a.uniform());
    const seqB = Array.from({ length: 20 }, () => b.uniform());
    const seqC = Array.from({ length: 20 }, () => c.uniform());
    expect(seqA).toEqual(seqB);
    expect(seqA).not.toEqual(seqC);
  });

  it("gives uniforms in [0, 1) with mean 1/2 and variance 1/12", () => {
    const rng = createRandom(7);
    const n = 200_000;
    let sum = 0;
    let sumSq = 0;
    let low = Infinity;
    let high = -Infinity;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      low = Math.min(low, u);
      high = Math.max(high, u);
      sum += u;
      sumSq += u * u;
    }
    expect(low).toBeGreaterThanOrEqual(0);
    expect(high).toBeLessThan(1);
    const mean = sum / n;
    const variance = sumSq / n - mean * mean;
    // Standard error of the mean is sqrt(1/12 / n) ≈ 6.5e-4; allow 5 of them.
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(variance).toBeCloseTo(1 / 12, 3);
  });

  it("gives standard normals: mean 0, variance 1, and the 1.96 quantile", () => {
    const rng = createRandom(123);
    const n = 200_000;
    let sum = 0;
    let sumSq = 0;
    let beyond = 0;
    let allFinite = true;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      allFinite &&= Number.isFinite(z);
      sum += z;
      sumSq += z * z;
      if (Math.abs(z) > 1.959964) beyond++;
    }
    expect(allFinite).toBe(true);
    const mean = sum / n;
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(sumSq / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    const share = beyond / n;
    expect(Math.abs(share - 0.05)).toBeLessThan(5 * Math.sqrt((0.05 * 0.95) / n));
  });

  it("accepts negative and large seeds as distinct streams", () => {
    const first = (seed: number) => createRandom(seed).uniform();
    expect(first(-1)).not.toEqual(first(1));
    expect(first(2 ** 40)).not.toEqual(first(0));
  });
});

describe("pinned streams (permalinks depend on them: a change here changes every saved link's samples)", () => {
  const PINNED = [
    {
      seed: 0,
      u: [3809008728, 1133695204, 53579671, 2891528803],
      n: [-0.2562929997176884, -0.020961470073882372, -0.15174419358116095],
    },
    {
      seed: 1,
      u: [2442144158, 3238099751, 3819917871, 2104621829],
      n: [1.1216579193830951, -0.11763946258521632, -0.9103273782186615],
    },
    {
      seed: 42,
      u: [2837322924, 544945897, 479756282, 3500138142],
      n: [0.40042869885474475, 0.06690874717120372, -0.009860904918430322],
    },
    {
      seed: -7,
      u: [3284082876, 773369603, 510957795, 479553271],
      n: [1.3269719145842045, 0.518093390664295, -1.0988266460223106],
    },
    {
      seed: 2 ** 40,
      u: [1470096835, 1510085996, 2133251322, 3150402849],
      n: [-0.6255578914407623, 0.8778830185650258, 0.09188486742054108],
    },
  ];

  /** xoshiro128** (Blackman & Vigna's reference C) seeded by splitmix32, in BigInt: an independent implementation. */
  function referenceUint32s(seed: number, count: number): number[] {
    const M = 0xffffffffn;
    const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (32n - k))) & M;
    let state = BigInt(((seed | 0) ^ Math.floor(seed / 2 ** 32)) >>> 0);
    const split = () => {
      state = (state + 0x9e3779b9n) & M;
      let z = state;
      z = ((z ^ (z >> 16n)) * 0x85ebca6bn) & M;
      z = ((z ^ (z >> 13n)) * 0xc2b2ae35n) & M;
      return z ^ (z >> 16n);
    };
    const s = [split(), split(), split(), split()];
    return Array.from({ length: count }, () => {
      const result = (rotl((s[1]! * 5n) & M, 7n) * 9n) & M;
      const t = (s[1]! << 9n) & M;
      s[2]! ^= s[0]!;
      s[3]! ^= s[1]!;
      s[1]! ^= s[2]!;
      s[0]! ^= s[3]!;
      s[2]! ^= t;
      s[3] = rotl(s[3]!, 11n);
      return Number(result);
    });
  }

  it.each(PINNED)("seed $seed gives its first uniforms and normals", ({ seed, u, n }) => {
    const random = createRandom(seed);
    expect(u.map(() => random.uniform() * 2 ** 32)).toEqual(u);
    expect(n.map(() => random.normal())).toEqual(n);
    expect(referenceUint32s(seed, u.length)).toEqual(u);
  });
});

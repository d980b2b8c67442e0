/**
 * A seedable source of randomness, injected into every sampling routine so that the same seed
 * always gives the same numbers (widget contract, rule 6).
 *
 * Uniforms come from xoshiro128** (Blackman & Vigna, 2018), seeded through splitmix32; normals
 * from the Box–Muller transform, which uses two uniforms for two independent normals.
 */
export interface Random {
  /** A uniform draw in [0, 1). */
  uniform(): number;
  /** A standard normal draw, N(0, 1). */
  normal(): number;
}

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

const TWO_TO_MINUS_32 = 2 ** -32;

/** Creates a random source from an integer seed (any safe integer; negative seeds are allowed). */
export function createRandom(seed: number): Random {
  // Fold the high bits in so that seeds beyond 32 bits still give distinct streams.
  const folded = (seed | 0) ^ Math.floor(seed / 2 ** 32);
  const init = splitmix32(folded);
  let s0 = init();
  let s1 = init();
  let s2 = init();
  let s3 = init();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;

  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };

  let spareNormal: number | undefined;

  const uniform = (): number => nextUint32() * TWO_TO_MINUS_32;

  const normal = (): number => {
    if (spareNormal !== undefined) {
      const value = spareNormal;
      spareNormal = undefined;
      return value;
    }
    // 1 - u lies in (0, 1], so the logarithm is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
    const angle = 2 * Math.PI * uniform();
    spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };

  return { uniform, normal };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * Stateless seeded randomness for the simulator's market data. Every value is a hash of its
 * coordinates (seed, stream, index), never the next draw of a generator, so any minute of any
 * year can be computed on its own: random access by time without generating the past.
 */

/** Finaliser of a 32-bit integer hash (lowbias32): every input bit flips about half the output bits. */
function mix32(value: number): number {
  let x = value >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** A 32-bit hash of a text, to turn names (symbols, venues) into stream ids. */
export function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return mix32(h);
}

/** Hash of three coordinates; `index` may be any integer below 2^53 (minute numbers, knots). */
export function hash3(stream: number, salt: number, index: number): number {
  const high = index >= 0x1_0000_0000 || index < 0 ? Math.floor(index / 0x1_0000_0000) : 0;
  return mix32(mix32(mix32(stream ^ Math.imul(salt, 0x9e3779b9)) ^ (index - high * 0x1_0000_0000)) + high);
}

/** A hash as a uniform value in [-sqrt 3, sqrt 3): zero mean, unit variance. */
export function centred(hash: number): number {
  return ((hash / 0x1_0000_0000) * 2 - 1) * Math.sqrt(3);
}

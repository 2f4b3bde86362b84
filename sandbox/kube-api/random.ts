// Seeded pseudo-random numbers (sfc32) for everything the simulator invents: names, uids, delays,
// log lines. Same seed and same calls ⇒ the same cluster.

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
  /** Float in [min, max). */
  between(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  hex(length: number): string;
  /** Characters Kubernetes uses for generated name suffixes (no vowels, no confusable digits). */
  suffix(length: number): string;
  uuid(): string;
  /** An independent generator derived from this one's seed and a label. */
  fork(label: string): Random;
}

const K8S_ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

function hashSeed(seed: string): [number, number, number, number] {
  // FNV-1a variants to spread a string into four 32-bit words.
  const words: [number, number, number, number] = [0, 0, 0, 0];
  for (let w = 0; w < 4; w++) {
    let h = (0x811c9dc5 ^ (w * 0x9e3779b9)) >>> 0;
    for (let i = 0; i < seed.length; i++) {
      h ^= seed.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    words[w] = h;
  }
  return words;
}

export function createRandom(seed: number | string): Random {
  const seedText = String(seed);
  let [a, b, c, d] = hashSeed(seedText);
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // Warm up so that similar seeds diverge.
  for (let i = 0; i < 12; i++) next();

  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    between: (min, max) => min + next() * (max - min),
    chance: (probability) => next() < probability,
    pick: (items) => items[Math.floor(next() * items.length)],
    hex: (length) => {
      let out = '';
      for (let i = 0; i < length; i++) out += Math.floor(next() * 16).toString(16);
      return out;
    },
    suffix: (length) => {
      let out = '';
      for (let i = 0; i < length; i++) out += K8S_ALPHANUMS[Math.floor(next() * K8S_ALPHANUMS.length)];
      return out;
    },
    uuid: () => {
      const h = random.hex(32).split('');
      h[12] = '4';
      h[16] = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
      const s = h.join('');
      return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
    },
    fork: (label) => createRandom(`${seedText}/${label}`),
  };
  return random;
}

/** rand.SafeEncodeString from k8s.io/apimachinery: maps each byte onto the safe alphabet. */
export function safeEncodeString(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += K8S_ALPHANUMS[text.charCodeAt(i) % K8S_ALPHANUMS.length];
  return out;
}

/** 32-bit FNV-1a, the hash the deployment controller uses for pod-template-hash. */
export function fnv32a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

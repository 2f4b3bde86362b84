// Kubernetes resource quantities in plain words ("512Mi" → "512 MiB", "250m" → "0.25 CPU"), and
// the Aptible container size in MB a memory limit corresponds to. Isomorphic.

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { m: 1e-3, '': 1, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
const QUANTITY = /^([+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|K|M|G|T|P|E)?$/;

interface Quantity {
  amount: number;
  binary: boolean;
}

function parseQuantity(value: unknown): Quantity | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return { amount: value, binary: false };
  if (typeof value !== 'string') return undefined;
  const match = QUANTITY.exec(value.trim());
  if (!match) return undefined;
  const suffix = match[2] ?? '';
  const factor = BINARY[suffix] ?? DECIMAL[suffix];
  return { amount: Number(match[1]) * factor, binary: suffix in BINARY };
}

function trim(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** Bytes in the units the quantity was written in: 1Gi → "1 GiB", 1G → "1 GB". */
export function describeMemory(value: unknown): string | undefined {
  const quantity = parseQuantity(value);
  if (!quantity) return undefined;
  const { amount } = quantity;
  const binary = quantity.binary || (amount >= 1024 && amount % 1024 === 0);
  const units = binary ? ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] : ['bytes', 'kB', 'MB', 'GB', 'TB', 'PB'];
  const base = binary ? 1024 : 1000;
  let unit = 0;
  let scaled = amount;
  while (scaled >= base && unit < units.length - 1) {
    scaled /= base;
    unit++;
  }
  return `${trim(scaled)} ${units[unit]}`;
}

/** Cores: "250m" → "0.25 CPU", "2" → "2 CPUs". */
export function describeCpu(value: unknown): string | undefined {
  const quantity = parseQuantity(value);
  if (!quantity) return undefined;
  const cores = quantity.amount;
  return `${trim(cores)} CPU${cores > 1 ? 's' : ''}`;
}

/** Aptible sizes containers in MB (MiB in practice: 512, 1024, 2048…). */
export function memoryInMegabytes(value: unknown): number | undefined {
  const quantity = parseQuantity(value);
  return quantity ? Math.round(quantity.amount / 2 ** 20) : undefined;
}

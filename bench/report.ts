// The one table `npm run bench` prints, and the raw results written beside it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Row {
  /** Which sub-benchmark (1 status … 6 pages). */
  section: string;
  measure: string;
  berth: string;
  baseline: string;
  ratio: string;
  target: string;
  /** true / false, or undefined when there is no target (reported only). */
  met?: boolean;
}

export interface SectionResult {
  rows: Row[];
  /** Everything measured, for the JSON file. */
  raw: Record<string, unknown>;
  notes: string[];
}

export const ms = (value: number) => (Number.isFinite(value) ? (value >= 100 ? `${value.toFixed(0)} ms` : value >= 10 ? `${value.toFixed(1)} ms` : `${value.toFixed(2)} ms`) : '—');
export const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

/** "31× faster" when Berth takes less time, "0.8× (slower)" when it takes more. */
export function speedup(berth: number, baseline: number): { text: string; value: number } {
  const value = baseline / berth;
  if (!Number.isFinite(value)) return { text: '—', value };
  return { text: value >= 1 ? `${value >= 10 ? value.toFixed(0) : value.toFixed(1)}× faster` : `${value.toFixed(2)}× (slower)`, value };
}

export function formatTable(rows: Row[]): string {
  const header: Row = { section: '#', measure: 'measure', berth: 'Berth', baseline: 'baseline', ratio: 'ratio', target: 'target', met: undefined };
  const cells = (r: Row) => [r.section, r.measure, r.berth, r.baseline, r.ratio, r.target, r === header ? 'met?' : r.met === undefined ? '—' : r.met ? 'yes' : 'NO'];
  const all = [header, ...rows].map(cells);
  const widths = all[0].map((_, i) => Math.max(...all.map((c) => c[i].length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
  return [line(all[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...all.slice(1).map(line)].join('\n');
}

export function machineDescription(): string {
  const cpus = os.cpus();
  return `${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${(os.totalmem() / 1024 ** 3).toFixed(0)} GB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

export function writeResults(dir: string, results: unknown): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}

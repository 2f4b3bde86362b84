// The quick reader must never answer differently from the full one: whenever it answers, the full
// reader accepts the file without a word and reads the same values. Checked on the sandbox's
// values files, on files known to need the full reader, and on thousands of generated files full
// of YAML 1.1's traps (yes/on/y, octal, sexagesimal, .inf, ~, quoted look-alikes, block scalars,
// flow collections, folded plain scalars, awkward keys).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_DEPTH, MAX_VALUES_ENTRIES, parseValues } from './parse-values';
import { readPlainValues } from './read-plain-values';

const LIMITS = { maxDepth: DEFAULT_MAX_DEPTH, maxEntries: MAX_VALUES_ENTRIES };
const file = 'apps/intake/values-stage.yaml';

/** Compares the two readers on one text; says whether the quick one answered. */
function compareReaders(text: string): boolean {
  const quick = readPlainValues(text, LIMITS);
  if (quick === undefined) return false;
  const full = parseValues(text, { file, readQuickly: false });
  expect({ text, ok: full.ok, problems: full.problems }).toEqual({ text, ok: true, problems: [] });
  if (!full.ok) return true;
  // toEqual tells -0 from 0 and NaN apart; the JSON texts add the order of the keys. (Not
  // toStrictEqual: it compares \`constructor\` properties, and a values file may have that key.)
  expect(quick, text).toEqual(full.value);
  expect(JSON.stringify(quick), text).toBe(JSON.stringify(full.value));
  return true;
}

/** A small seeded generator, so a failure names a file that can be generated again. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    below: (n: number) => Math.floor(next() * n),
    pick: <T,>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    chance: (p: number) => next() < p,
  };
}

const PLAIN = [
  'yes', 'No', 'ON', 'off', 'y', 'N', 'true', 'False', 'TRUE', '~', 'null', 'Null', 'NULL',
  '0123', '0o17', '0x1F', '0b101', '1_000', '+12', '-0', '0', '.5', '1.', '1e3', '1.5e-3', '-2E+4',
  '.inf', '-.Inf', '.NaN', '12:30', '1:20:30', '2026-12-04', '2026-12-04T10:00:00Z', '3.14',
  '9007199254740993', '12345678901234567890', 'nginx', 'hello world', 'http://intake:8080/health',
  'a:b', '-dash', 'value#not-a-comment', 'us-central1-docker.pkg.dev/meridian/apps/intake', '250m', '1Gi',
  '"yes"', '"0123"', "'on'", '""', "''", "'it''s'", '"with \'single\' inside"', '"# hash"', '"héllo ✓"',
  '"a: b"', '"  padded  "', "'12:30'", '"9007199254740993"',
];
const KEYS = [
  'image', 'tag', 'replicas', 'port', 'env', 'FEATURE_FLAG', 'DATABASE_URL', 'with space', 'a-b', 'x.y',
  'on', 'yes', 'y', 'n', 'No', '0123', '12', '1.5', '.inf', '~', 'null', 'true', '"on"', "'null'", '"80"',
  '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'é', '"key: with colon"',
];
const BLOCK_INDICATORS = ['|', '|-', '|+', '>', '>-', '>+', '|2'];

function scalar(r: ReturnType<typeof random>): string {
  if (r.chance(0.08)) return `[${Array.from({ length: r.below(4) }, () => r.pick(PLAIN)).join(', ')}]`;
  if (r.chance(0.05)) return `{${Array.from({ length: r.below(3) }, (_, i) => `k${i}: ${r.pick(PLAIN)}`).join(', ')}}`;
  return r.pick(PLAIN);
}

function comment(r: ReturnType<typeof random>): string {
  return r.chance(0.1) ? ' # note' : '';
}

function mapLines(r: ReturnType<typeof random>, indent: number, depth: number): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  const count = 1 + r.below(5);
  for (let i = 0; i < count; i++) {
    if (r.chance(0.1)) lines.push(r.chance(0.5) ? '' : `${pad}# a comment`);
    const picked = r.pick(KEYS);
    // Mostly told apart by a number, so keys repeat now and then (a duplicate is the full reader's).
    const key = r.chance(0.7) && !/^["']/.test(picked) ? `${picked}${i}` : picked;
    const shape = r.below(depth < 4 ? 10 : 6);
    if (shape <= 3) {
      lines.push(`${pad}${key}: ${scalar(r)}${comment(r)}`);
    } else if (shape === 4) {
      lines.push(`${pad}${key}:${comment(r)}`);
    } else if (shape === 5) {
      const indicator = r.pick(BLOCK_INDICATORS);
      lines.push(`${pad}${key}: ${indicator}`);
      const body = ' '.repeat(indent + 2);
      for (let j = 0; j < 1 + r.below(3); j++) lines.push(r.chance(0.2) ? '' : `${body}${r.chance(0.2) ? '  ' : ''}line ${j}: ${r.pick(PLAIN)}`);
      if (r.chance(0.3)) lines.push('');
    } else if (shape === 6) {
      lines.push(`${pad}${key}: first words of`, `${' '.repeat(indent + 2)}a folded ${r.chance(0.5) ? 'plain' : 'long'} value`);
    } else if (shape === 7) {
      lines.push(`${pad}${key}:${comment(r)}`);
      const itemPad = r.chance(0.3) ? pad : `${pad}  `;
      for (let j = 0; j < 1 + r.below(3); j++) {
        if (r.chance(0.3)) {
          const [first, ...rest] = mapLines(r, itemPad.length + 2, depth + 1);
          lines.push(`${itemPad}- ${first.trimStart()}`, ...rest);
        } else {
          lines.push(`${itemPad}- ${scalar(r)}`);
        }
      }
    } else {
      lines.push(`${pad}${key}:${comment(r)}`, ...mapLines(r, indent + 2, depth + 1));
    }
  }
  return lines;
}

function generatedFile(seed: number): string {
  const r = random(seed);
  const start = r.chance(0.1) ? '---\n' : '';
  return `${start}${mapLines(r, 0, 0).join('\n')}${r.chance(0.9) ? '\n' : ''}`;
}

describe('readPlainValues', () => {
  it('reads every values file of the sandbox configuration repository as the full reader does', () => {
    const root = path.join(process.cwd(), 'sandbox/config-repo');
    const files = [path.join(root, 'chart/values.yaml')];
    for (const app of readdirSync(path.join(root, 'apps'))) {
      for (const name of readdirSync(path.join(root, 'apps', app))) if (/^values.*\.yaml$/.test(name)) files.push(path.join(root, 'apps', app, name));
    }
    expect(files.length).toBeGreaterThan(20);
    const answered = files.filter((name) => compareReaders(readFileSync(name, 'utf8')));
    // Real files are ordinary ones: the quick reader answers for nearly all of them.
    expect(answered.length).toBeGreaterThanOrEqual(files.length - 2);
  });

  it('reads 4,000 generated files full of YAML 1.1 traps as the full reader does, or leaves them to it', () => {
    let answered = 0;
    for (let seed = 1; seed <= 4000; seed++) if (compareReaders(generatedFile(seed))) answered++;
    // Not a vacuous check: a good share of the files are ordinary enough to be read quickly.
    expect(answered).toBeGreaterThan(1000);
  });

  it.each([
    ['an anchor and an alias', 'a: &x 1\nb: *x\n'],
    ['a merge key', 'base: {x: 1}\nd:\n  <<: {y: 2}\n'],
    ['a tag', 'a: !!str 12\n'],
    ['an escape', 'a: "tab\\there"\n'],
    ['a tab as indentation', 'a:\n\tb: 1\n'],
    ['Windows line endings', 'a: 1\r\nb: 2\r\n'],
    ['a byte order mark', '\ufeffa: 1\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a key YAML 1.1 reads as a boolean', 'on: 1\n'],
    ['a key read as a number', 'env:\n  0123: x\n'],
    ['a key read as infinity', '.inf: 1\n'],
    ['a null key', '~: 1\n'],
    ['a whole number too large to keep', 'id: 9007199254740993\n'],
    ['a list at the top', '- a\n- b\n'],
    ['a single value', 'just text\n'],
    ['an empty file', ''],
    ['two documents', 'a: 1\n---\nb: 2\n'],
    ['a directive', '%YAML 1.1\n---\na: 1\n'],
    ['a flow list closed at the start of a line', 'a: [1,\n]\n'],
    ['an explicit key', '? a\n: 1\n'],
    ['nesting past the limit', `${Array.from({ length: DEFAULT_MAX_DEPTH + 1 }, (_, i) => `${' '.repeat(i * 2)}k${i}:`).join('\n')} 1\n`],
    ['a syntax error', 'a: "unclosed\n'],
  ])('leaves %s to the full reader', (_name, text) => {
    expect(readPlainValues(text, LIMITS)).toBeUndefined();
  });

  it('leaves a file past the entry limit to the full reader, which names the line', () => {
    const text = `env:\n${Array.from({ length: MAX_VALUES_ENTRIES + 1 }, (_, i) => `  K${i}: "v"`).join('\n')}\n`;
    expect(readPlainValues(text, LIMITS)).toBeUndefined();
    expect(parseValues(text, { file }).problems[0]).toMatchObject({ code: 'too-many-keys', line: MAX_VALUES_ENTRIES + 1 });
  });

  it('reads a 5,000-key environment file quickly, and the document is there when a problem must be placed', () => {
    const text = `env:\n${Array.from({ length: 5000 }, (_, i) => `  FEATURE_${i}: "value-${i}"`).join('\n')}\n`;
    expect(readPlainValues(text, LIMITS)).toBeDefined();
    const result = parseValues(text, { file });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Object.keys(result.value.env as object)).toHaveLength(5000);
    const node = result.doc.getIn(['env', 'FEATURE_4321'], true) as { range: [number, number, number] };
    expect(result.lineCounter.linePos(node.range[0]).line).toBe(4323);
  });
});

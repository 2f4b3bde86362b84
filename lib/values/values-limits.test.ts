import { describe, expect, it } from 'vitest';
import { explainChange, MAX_EFFECTS } from './explain-change';
import { MAX_PROBLEMS, MAX_VALUES_ENTRIES, parseValues } from './parse-values';
import { environments, fixtureSchema, sampleLayers } from './test-fixtures';
import { validateValues } from './validate-values';

// What bounds the work one save can cause: characters YAML forbids, how many keys a file may
// hold, how many problems and effects are listed. (How fast it is: `npm run bench`, section 4.)
const file = 'apps/intake/values-stage.yaml';

describe('characters YAML does not allow', () => {
  it.each([
    ['a NUL', 'image:\n  tag: "1.0\u0000"\n', 2, 12, 'U+0000 NUL'],
    ['a bell in a comment', '# ring\u0007\nreplicas: 2\n', 1, 7, 'U+0007 BEL'],
    ['an escape sequence pasted from a terminal', 'env:\n  A: "\u001b[31mred"\n', 2, 7, 'U+001B ESC'],
    ['a C1 control', 'a: "x\u0090y"\n', 1, 6, 'U+0090'],
    ['a lone surrogate', 'a: "x\ud800y"\n', 1, 6, 'U+D800'],
    ['U+FFFF', 'a: b\uffff\n', 1, 5, 'U+FFFF'],
  ])('refuses %s, at its line and column', (_name, text, line, column, named) => {
    const result = parseValues(text, { file });
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([expect.objectContaining({ code: 'control-character', severity: 'error', line, column, message: expect.stringContaining(named) })]);
  });

  it('counts the others', () => {
    const result = parseValues('a: "\u0000"\nb: "\u0000"\nc: "\u0001"\n', { file });
    expect(result.problems[0]).toMatchObject({ line: 1, message: expect.stringContaining('and 2 more in the file') });
  });

  it('accepts tabs in text, CRLF, next-line, emoji and other printable characters', () => {
    const result = parseValues('a: "tab\there"\r\nb: "next\u0085line"\r\nc: "🚢 ß 漢字 \u00a0"\r\n', { file });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value).toEqual({ a: 'tab\there', b: 'next\u0085line', c: '🚢 ß 漢字 \u00a0' });
  });
});

describe('how much one file may hold', () => {
  it(`refuses more than ${MAX_VALUES_ENTRIES} keys and items, naming the line where the limit is passed`, () => {
    const text = `env:\n${Array.from({ length: MAX_VALUES_ENTRIES + 5 }, (_, i) => `  KEY_${i}: "${i}"`).join('\n')}\n`;
    const result = parseValues(text, { file });
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([expect.objectContaining({ code: 'too-many-keys', severity: 'error', line: MAX_VALUES_ENTRIES + 1 })]);
    const flat = Array.from({ length: MAX_VALUES_ENTRIES + 1 }, (_, i) => `k${i}: ${i}`).join('\n');
    expect(parseValues(flat, { file }).problems[0]).toMatchObject({ code: 'too-many-keys', line: MAX_VALUES_ENTRIES + 1 });
  });

  it('accepts a file just under the limit', () => {
    const text = `env:\n${Array.from({ length: MAX_VALUES_ENTRIES - 1 }, (_, i) => `  KEY_${i}: "${i}"`).join('\n')}\n`;
    expect(parseValues(text, { file }).ok).toBe(true);
  });

  it(`lists the first ${MAX_PROBLEMS} schema problems at their lines and counts the rest`, () => {
    const unknown = Array.from({ length: 5000 }, (_, i) => `unknownKey${i}: ${i}`).join('\n');
    const result = validateValues({ schema: fixtureSchema, layers: sampleLayers({ stage: `${unknown}\n` }), environment: 'stage', environments });
    expect(result.ok).toBe(false);
    expect(result.problems).toHaveLength(MAX_PROBLEMS + 1);
    expect(result.problems.slice(0, 3)).toEqual([
      expect.objectContaining({ file, line: 1, message: expect.stringContaining('unknown key `unknownKey0`') }),
      expect.objectContaining({ file, line: 2, message: expect.stringContaining('unknown key `unknownKey1`') }),
      expect.objectContaining({ file, line: 3, message: expect.stringContaining('unknown key `unknownKey2`') }),
    ]);
    expect(result.problems.at(-1)).toMatchObject({ code: 'too-many-problems', severity: 'error', message: expect.stringMatching(/^About 4,900 more schema problems not listed/) });
  });

  it(`lists the first ${MAX_EFFECTS} effects and says what the rest does`, () => {
    const env = (n: number, value: string) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`KEY_${i}`, `${value}${i}`]));
    const effects = explainChange({ before: { env: env(1000, 'a') }, after: { env: env(1000, 'b') }, environment: 'stage' });
    expect(effects).toHaveLength(MAX_EFFECTS + 1);
    expect(effects.at(-1)).toMatchObject({ summary: '800 more changes, not listed one by one: see the diff', restartsPods: true });
  });
});

import { describe, expect, it } from 'vitest';
import { parseValues } from './parse-values';

const file = 'apps/intake/values-stage.yaml';

function problemsOf(text: string, maxBytes?: number) {
  const result = parseValues(text, { file, maxBytes });
  return { result, problems: result.problems };
}

describe('parseValues', () => {
  it.each([
    ['yes/no', 'a: yes\nb: no\n', { a: true, b: false }],
    ['on/off', 'a: on\nb: off\n', { a: true, b: false }],
    ['y/n', 'a: y\nb: N\n', { a: true, b: false }],
    ['quoted stays text', 'a: "on"\nb: \'yes\'\n', { a: 'on', b: 'yes' }],
    ['octal 0123', 'a: 0123\n', { a: 83 }],
    ['1e3 is a number', 'a: 1e3\n', { a: 1000 }],
    ['~ is null', 'a: ~\n', { a: null }],
    ['dates stay text, as in go-yaml', 'a: 2024-01-01\n', { a: '2024-01-01' }],
    ['sexagesimal stays text, as in go-yaml', 'a: 1:20\n', { a: '1:20' }],
    ['merge keys', 'base: &b {x: 1}\nd:\n  <<: *b\n  z: 2\n', { base: { x: 1 }, d: { x: 1, z: 2 } }],
  ])('reads YAML 1.1 like Helm: %s', (_name, text, expected) => {
    const { result } = problemsOf(text);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value).toEqual(expected);
  });

  it.each([
    ['empty file', ''],
    ['only comments', '# nothing set here\n'],
    ['document start marker only', '---\n'],
  ])('an %s is an empty map', (_name, text) => {
    const { result } = problemsOf(text);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value).toEqual({});
  });

  it.each([
    ['duplicate key, both lines named', 'a: 1\nb: 2\na: 3\n', 'duplicate-key', 3, 1, /`a`.*lines 1 and 3/],
    ['duplicate after YAML 1.1 (on = true)', 'true: 1\non: 2\n', 'duplicate-key', 2, 1, /lines 1 and 2/],
    ['nested duplicate key', 'env:\n  A: x\n  B: y\n  A: z\n', 'duplicate-key', 4, 3, /`A`.*lines 2 and 4/],
    ['tab indentation', 'env:\n\tA: x\n', 'tab-indent', 2, 1, /tab/],
    ['several documents', 'a: 1\n---\nb: 2\n', 'several-documents', 2, 1, /one document/],
    ['top level is a list', '- a\n- b\n', 'not-a-map', 1, 1, /not a list/],
    ['top level is a scalar', 'hello\n', 'not-a-map', 1, 1, /not a single value/],
    ['unclosed flow list', 'a: [1, 2\nb: 3\n', 'syntax', 2, 1, /YAML syntax/],
    ['nested mapping on one line', 'a: b: c\n', 'syntax', 1, 4, /YAML syntax/],
    ['unknown alias', 'a: *nowhere\n', 'syntax', 1, 4, /nowhere/],
  ])('refuses %s', (_name, text, code, line, column, message) => {
    const { result, problems } = problemsOf(text);
    expect(result.ok).toBe(false);
    const problem = problems.find((p) => p.code === code);
    expect(problem, JSON.stringify(problems)).toBeDefined();
    expect(problem).toMatchObject({ file, line, column, severity: 'error' });
    expect(problem?.message).toMatch(message);
    expect(problem?.from).toBeTypeOf('number');
  });

  it('stops an alias bomb quickly with a clear problem', () => {
    const bomb = [
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
      'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
      'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
      'i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]',
    ].join('\n');
    const started = performance.now();
    const { result, problems } = problemsOf(bomb);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result.ok).toBe(false);
    expect(problems).toContainEqual(expect.objectContaining({ code: 'too-many-aliases', severity: 'error', line: 2 }));
  });

  it('refuses an oversized file before parsing, with code too-large', () => {
    // Not even YAML: a parser would report a syntax error, the size check must come first.
    const text = `a: [${'x'.repeat(300 * 1024)}`;
    const { result, problems } = problemsOf(text);
    expect(result.ok).toBe(false);
    expect(problems).toEqual([expect.objectContaining({ code: 'too-large', line: 1, column: 1 })]);
    expect(problems[0].message).toMatch(/256 KiB/);
  });

  it('counts bytes, not characters, against the limit', () => {
    const text = `a: "${'é'.repeat(600)}"\n`; // ~1.2 kB in UTF-8, ~600 characters
    expect(problemsOf(text, 1000).problems[0]?.code).toBe('too-large');
    expect(problemsOf(text, 2000).result.ok).toBe(true);
  });

  it.each([
    ['indentation', Array.from({ length: 70 }, (_, i) => `${' '.repeat(i * 2)}k${i}:`).join('\n') + ' 1\n'],
    ['flow lists', `a: ${'['.repeat(100)}${']'.repeat(100)}\n`],
    ['flow lists deep enough to exhaust the parser', `a: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`],
  ])('refuses deep nesting through %s', (_name, text) => {
    const { result, problems } = problemsOf(text);
    expect(result.ok).toBe(false);
    expect(problems).toContainEqual(expect.objectContaining({ code: 'too-deep', severity: 'error' }));
  });

  it.each([
    ['a BOM', '\uFEFFa: 1\n', 'bom', 1],
    ['CRLF line endings', 'a: 1\r\nb: 2\r\n', 'crlf', 1],
    ['a key YAML 1.1 turns into a boolean', 'on: 1\n', 'key-changes-type', 1],
    ['an integer past 2^53', 'id: 12345678901234567890\n', 'imprecise-number', 1],
  ])('parses but warns about %s', (_name, text, code, line) => {
    const { result, problems } = problemsOf(text);
    expect(result.ok).toBe(true);
    expect(problems).toContainEqual(expect.objectContaining({ code, line, severity: 'warning' }));
  });

  it('keeps offsets in the original text when it has a BOM and CRLF', () => {
    const text = '\uFEFFa: 1\r\nb: [\r\n';
    const { problems } = problemsOf(text);
    const syntax = problems.find((p) => p.severity === 'error');
    expect(syntax).toBeDefined();
    expect(syntax?.line).toBeGreaterThanOrEqual(2);
    expect(syntax?.from).toBeGreaterThan(text.indexOf('b'));
  });
});

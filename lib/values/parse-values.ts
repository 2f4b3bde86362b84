// Reads one values file the way Helm does, with limits, and says what is wrong in plain words at
// the line. Isomorphic: the browser editor lints with it, the server validates with it.
import {
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node,
  type YAMLError,
} from 'yaml';
import { HELM_YAML_OPTIONS, MAX_ALIAS_COUNT } from './helm-yaml-options';
import { keyAsString } from './find-node';
import { isValuesMap } from './merge';
import { problemAt, problemAtFileStart } from './problem-at';
import { readPlainValues } from './read-plain-values';
import type { ValuesMap, ValuesProblem } from './types';

export const DEFAULT_MAX_BYTES = 256 * 1024;
export const DEFAULT_MAX_DEPTH = 64;
/**
 * Keys and list items a values file may hold. Checking a file costs time in proportion to them
 * (linear, but on the server's event loop): real values files have hundreds; past this the file is
 * refused right after parsing, before validation, with the line where the limit was passed.
 */
export const MAX_VALUES_ENTRIES = 10_000;
/** Problems listed per file or check; the rest are counted in one last line. */
export const MAX_PROBLEMS = 100;

export interface ParseValuesOptions {
  /** Repository path, used in every problem. */
  file: string;
  /** Larger files are refused before any parsing (code 'too-large', so the server can answer 413). */
  maxBytes?: number;
  /** Maps and lists nested deeper than this are refused (code 'too-deep'). */
  maxDepth?: number;
  /**
   * false reads the file with the full reader even when it is an ordinary one: what
   * read-plain-values.test.ts compares the quick reader with. Default true.
   */
  readQuickly?: boolean;
}

export type ParseValuesResult =
  | {
      ok: true;
      doc: Document;
      value: ValuesMap;
      lineCounter: LineCounter;
      /** Warnings only (CRLF, BOM, keys YAML 1.1 turns into booleans…). */
      problems: ValuesProblem[];
    }
  | { ok: false; problems: ValuesProblem[] };

/** UTF-8 size without allocating: a string can be 250 MB before anyone checks it. */
function utf8Length(text: string, stopAbove: number): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
    if (bytes > stopAbove) return bytes;
  }
  return bytes;
}

// YAML accepts tab, line feed, carriage return, next-line and printable characters only: a NUL,
// another C0/C1 control, a lone surrogate or U+FFFE/U+FFFF is an error anywhere in the file (Helm's
// go-yaml refuses the file; the yaml package would keep them).
function isForbiddenCharacter(code: number, next: number): boolean {
  if (code < 0x20) return code !== 0x09 && code !== 0x0a && code !== 0x0d;
  if (code >= 0x7f && code <= 0x9f) return code !== 0x85;
  if (code >= 0xd800 && code <= 0xdbff) return !(next >= 0xdc00 && next <= 0xdfff);
  if (code >= 0xdc00 && code <= 0xdfff) return true; // a low surrogate with no high one before it
  return code === 0xfffe || code === 0xffff;
}

const CONTROL_NAMES: Record<number, string> = { 0: 'NUL', 7: 'BEL', 8: 'backspace', 0x0b: 'vertical tab', 0x0c: 'form feed', 0x1b: 'ESC', 0x7f: 'DEL' };

function findForbiddenCharacter(text: string): { offset: number; code: number; count: number } | undefined {
  let first: { offset: number; code: number } | undefined;
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x20 && code < 0x7f) continue;
    if (isForbiddenCharacter(code, text.charCodeAt(i + 1))) {
      first ??= { offset: i, code };
      count++;
    } else if (code >= 0xd800 && code <= 0xdbff) {
      i++; // a valid surrogate pair
    }
  }
  return first ? { ...first, count } : undefined;
}

function characterName(code: number): string {
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return CONTROL_NAMES[code] ? `${hex} ${CONTROL_NAMES[code]}` : hex;
}

function formatSize(bytes: number): string {
  return bytes >= 1024 ? `${Math.ceil(bytes / 1024)} KiB` : `${bytes} bytes`;
}

function firstLineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  const stop = end === -1 ? text.length : end;
  return text[stop - 1] === '\r' ? stop - 1 : stop;
}

// yaml's own messages end with " at line X, column Y" when pretty; ours are raw, but keep only
// the first sentence so the editor tooltip stays short.
function yamlMessage(error: YAMLError): string {
  return error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

function describeYamlError(error: YAMLError, text: string): { message: string; code: string } {
  switch (error.code) {
    case 'TAB_AS_INDENT':
      return { code: 'tab-indent', message: 'this line is indented with a tab; YAML only accepts spaces for indentation' };
    case 'MULTIPLE_DOCS':
      return {
        code: 'several-documents',
        message: 'a values file holds one document: remove this `---` and either delete what follows or merge it into the part above',
      };
    case 'RESOURCE_EXHAUSTION':
      return { code: 'too-deep', message: 'the file nests maps or lists too deeply to read' };
    case 'DUPLICATE_KEY': {
      const key = text.slice(error.pos[0], error.pos[1]);
      return { code: 'duplicate-key', message: `the key \`${key}\` appears twice in the same map; Helm would silently keep the last one` };
    }
    default:
      return { code: 'syntax', message: `YAML syntax: ${yamlMessage(error)}` };
  }
}

interface Walked {
  node: Node;
  depth: number;
}

/** Every map, list and scalar with its nesting depth, iteratively (deep input must not blow the stack). */
function* walkNodes(doc: Document): Generator<Walked> {
  const stack: Walked[] = [];
  if (doc.contents) stack.push({ node: doc.contents as Node, depth: isCollection(doc.contents) ? 1 : 0 });
  while (stack.length > 0) {
    const current = stack.pop() as Walked;
    yield current;
    const { node, depth } = current;
    if (isMap(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) {
        const pair = node.items[i];
        if (isPair(pair) && pair.value) {
          const value = pair.value as Node;
          stack.push({ node: value, depth: isCollection(value) ? depth + 1 : depth });
        }
      }
    } else if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) {
        const item = node.items[i] as Node | null;
        if (item) stack.push({ node: item, depth: isCollection(item) ? depth + 1 : depth });
      }
    }
  }
}

/** Depth of the plain value, also iterative: aliases can nest deeper than the text shows. */
function valueDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (typeof current !== 'object' || current === null) continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return deepest;
}

function span(node: Node): [number, number] {
  const range = node.range ?? [0, 0, 0];
  return [range[0], range[1]];
}

/**
 * Duplicate keys, compared as Helm compares them (after YAML 1.1 turns `on` into "true"), with the
 * line of the first occurrence: yaml itself only names the second one.
 */
function findDuplicateKeys(doc: Document, file: string, lineCounter: LineCounter): ValuesProblem[] {
  const problems: ValuesProblem[] = [];
  for (const { node } of walkNodes(doc)) {
    if (!isMap(node)) continue;
    const seen = new Map<string, Node>();
    for (const pair of node.items) {
      const key = pair.key as Node | null;
      const name = keyAsString(key);
      if (!key || name === undefined || name === '<<') continue;
      const first = seen.get(name);
      if (!first) {
        seen.set(name, key);
        continue;
      }
      const [from, to] = span(key);
      const firstLine = lineCounter.linePos(span(first)[0]).line;
      const line = lineCounter.linePos(from).line;
      problems.push(
        problemAt(file, lineCounter, from, to, {
          code: 'duplicate-key',
          severity: 'error',
          message: `the key \`${name}\` appears twice in the same map (lines ${firstLine} and ${line}); Helm would silently keep the last one — remove one of them`,
        }),
      );
    }
  }
  return problems;
}

/** Keys that YAML 1.1 reads as something else: `on:` becomes "true" in Helm, `0123:` becomes "83". */
function findChangedKeys(doc: Document, file: string, lineCounter: LineCounter): ValuesProblem[] {
  const problems: ValuesProblem[] = [];
  for (const { node } of walkNodes(doc)) {
    if (!isMap(node)) continue;
    for (const pair of node.items) {
      const key = pair.key;
      if (!isScalar(key) || key.type !== 'PLAIN' || typeof key.value === 'string' || typeof key.value === 'symbol') continue;
      const [from, to] = span(key);
      const written = key.source ?? '';
      const read = keyAsString(key) ?? '';
      if (written === '' || written === read) continue;
      problems.push(
        problemAt(file, lineCounter, from, to, {
          code: 'key-changes-type',
          severity: 'warning',
          message: `Helm reads the key \`${written}\` as \`${read}\` (YAML 1.1); put it in quotes ("${written}") if you mean the word`,
        }),
      );
    }
  }
  return problems;
}

/** Whole numbers past 2^53 lose digits in Helm (float64) and in JavaScript alike. */
function findImpreciseNumbers(doc: Document, file: string, lineCounter: LineCounter): ValuesProblem[] {
  const problems: ValuesProblem[] = [];
  for (const { node } of walkNodes(doc)) {
    if (!isScalar(node) || typeof node.value !== 'number') continue;
    if (!Number.isInteger(node.value) || Number.isSafeInteger(node.value)) continue;
    const [from, to] = span(node);
    problems.push(
      problemAt(file, lineCounter, from, to, {
        code: 'imprecise-number',
        severity: 'warning',
        message: 'this number is too large to keep exactly (Helm reads it as a floating-point number); put it in quotes if it is an ID',
      }),
    );
  }
  return problems;
}

function firstAlias(doc: Document): Node | undefined {
  for (const { node } of walkNodes(doc)) if (isAlias(node)) return node;
  return undefined;
}

/** `*name` with no `&name` above it: yaml only notices when building the value. */
function findDanglingAliases(doc: Document, file: string, lineCounter: LineCounter): ValuesProblem[] {
  const problems: ValuesProblem[] = [];
  for (const { node } of walkNodes(doc)) {
    if (!isAlias(node) || node.resolve(doc) !== undefined) continue;
    const [from, to] = span(node);
    problems.push(
      problemAt(file, lineCounter, from, to, {
        code: 'syntax',
        severity: 'error',
        message: `YAML syntax: the alias *${node.source} refers to no anchor &${node.source} set above it`,
      }),
    );
  }
  return problems;
}

/**
 * Runs `parse` with `process.env` as a plain object. On Node, yaml's parser reads
 * `process.env.LOG_TOKENS` for every token, and Node's process.env is a slow native lookup: a
 * quarter of the time a 5,000-key file took to check. The parse is synchronous, so nothing else
 * runs while the plain copy stands in; the real one is back before it returns. (In the browser
 * there is no process.env, and yaml's browser build does not read it.)
 */
function withPlainEnv<T>(parse: () => T): T {
  const env = typeof process === 'undefined' ? undefined : process.env;
  if (!env) return parse();
  process.env = { NODE_ENV: env.NODE_ENV, LOG_TOKENS: env.LOG_TOKENS } as NodeJS.ProcessEnv;
  try {
    return parse();
  } finally {
    process.env = env;
  }
}

function readDocument(text: string, lineCounter = new LineCounter()): { doc: Document; lineCounter: LineCounter } {
  return { doc: withPlainEnv(() => parseDocument(text, { ...HELM_YAML_OPTIONS, lineCounter })), lineCounter };
}

/**
 * A file the quick reader read (read-plain-values.ts): the full reader would find nothing to say,
 * so its document, with every position, is only built when something asks for it: a schema
 * problem or a warning to place, an edit to make.
 */
function withDocumentOnDemand(text: string, value: ValuesMap): ParseValuesResult {
  let read: { doc: Document; lineCounter: LineCounter } | undefined;
  return {
    ok: true,
    value,
    problems: [],
    get doc() {
      read ??= readDocument(text);
      return read.doc;
    },
    get lineCounter() {
      read ??= readDocument(text);
      return read.lineCounter;
    },
  };
}

/** Parse one values file. Never throws on user input. */
export function parseValues(text: string, options: ParseValuesOptions): ParseValuesResult {
  const { file } = options;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;

  // 1. Size first: nothing of an oversized text is parsed.
  if (text.length > maxBytes || utf8Length(text, maxBytes) > maxBytes) {
    const size = text.length > maxBytes ? text.length : utf8Length(text, Infinity);
    return {
      ok: false,
      problems: [
        problemAtFileStart(file, {
          code: 'too-large',
          severity: 'error',
          message: `the file is ${formatSize(size)}; a values file may be at most ${formatSize(maxBytes)}`,
        }),
      ],
    };
  }

  const lineCounter = new LineCounter();
  // 2. Characters YAML forbids, before the parser sees them (it would keep a NUL in a value).
  const forbidden = findForbiddenCharacter(text);
  if (forbidden) {
    lineCounter.addNewLine(0);
    for (let i = text.indexOf('\n'); i !== -1 && i < forbidden.offset; i = text.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1);
    const more = forbidden.count > 1 ? ` (and ${forbidden.count - 1} more in the file)` : '';
    return {
      ok: false,
      problems: [
        problemAt(file, lineCounter, forbidden.offset, forbidden.offset + 1, {
          code: 'control-character',
          severity: 'error',
          message: `this line holds a control character (${characterName(forbidden.code)}) that YAML does not allow${more}; remove it — it is often pasted in invisibly from a terminal or a document`,
        }),
      ],
    };
  }
  // 3. Most files are ordinary: read them quickly, and build the document only if it is needed.
  const plain = options.readQuickly === false ? undefined : readPlainValues(text, { maxDepth, maxEntries: MAX_VALUES_ENTRIES });
  if (plain) return withDocumentOnDemand(text, plain);

  const { doc } = readDocument(text, lineCounter);
  const errors: ValuesProblem[] = [];
  const warnings: ValuesProblem[] = [];

  // 4. File hygiene that parses fine but causes trouble elsewhere.
  if (text.charCodeAt(0) === 0xfeff) {
    warnings.push(
      problemAt(file, lineCounter, 0, 1, {
        code: 'bom',
        severity: 'warning',
        message: 'the file starts with an invisible byte order mark (BOM); save it as UTF-8 without BOM',
      }),
    );
  }
  const crlf = text.indexOf('\r\n');
  if (crlf !== -1) {
    const lineStart = text.lastIndexOf('\n', crlf - 1) + 1;
    warnings.push(
      problemAt(file, lineCounter, lineStart, crlf, {
        code: 'crlf',
        severity: 'warning',
        message: 'the file uses Windows line endings (CRLF); save it with LF line endings so diffs and reviews stay clean',
      }),
    );
  }

  // 5. Syntax. A stack overflow inside yaml comes back as RESOURCE_EXHAUSTION: stop there.
  if (doc.errors.some((e) => e.code === 'RESOURCE_EXHAUSTION')) {
    return {
      ok: false,
      problems: [
        problemAtFileStart(file, {
          code: 'too-deep',
          severity: 'error',
          message: `maps or lists are nested far too deeply (the limit is ${maxDepth} levels)`,
        }),
      ],
    };
  }

  // 6. Limits: nesting, and how many keys and items there are (what every later step walks).
  let entries = 0;
  for (const { node, depth } of walkNodes(doc)) {
    const [from] = span(node);
    if (depth > maxDepth) {
      return {
        ok: false,
        problems: [
          problemAt(file, lineCounter, from, firstLineEnd(text, from), {
            code: 'too-deep',
            severity: 'error',
            message: `maps or lists are nested more than ${maxDepth} levels deep here`,
          }),
        ],
      };
    }
    if (!isMap(node) && !isSeq(node)) continue;
    if (entries + node.items.length > MAX_VALUES_ENTRIES) {
      // Point at the entry that passes the limit.
      const item = node.items[MAX_VALUES_ENTRIES - entries] as unknown;
      const at = (isPair(item) ? (item.key as Node | null) : (item as Node | null)) ?? node;
      const [itemFrom] = span(at);
      return {
        ok: false,
        problems: [
          problemAt(file, lineCounter, itemFrom, firstLineEnd(text, itemFrom), {
            code: 'too-many-keys',
            severity: 'error',
            message: `the file holds more than ${MAX_VALUES_ENTRIES.toLocaleString('en-US')} keys and list items, the most a values file may hold (the count passes it here); move settings like these into a ConfigMap or the app's own configuration`,
          }),
        ],
      };
    }
    entries += node.items.length;
  }

  const duplicates = findDuplicateKeys(doc, file, lineCounter);
  errors.push(...duplicates, ...findDanglingAliases(doc, file, lineCounter));
  const duplicateStarts = new Set(duplicates.map((p) => p.from));
  for (const error of doc.errors) {
    if (error.code === 'DUPLICATE_KEY' && duplicateStarts.has(error.pos[0])) continue;
    const { code, message } = describeYamlError(error, text);
    const to = error.code === 'TAB_AS_INDENT' || error.code === 'MULTIPLE_DOCS' ? firstLineEnd(text, error.pos[0]) : error.pos[1];
    const from = error.code === 'TAB_AS_INDENT' ? text.lastIndexOf('\n', error.pos[0] - 1) + 1 : error.pos[0];
    errors.push(problemAt(file, lineCounter, from, to, { code, severity: 'error', message }));
  }
  for (const warning of doc.warnings) {
    warnings.push(
      problemAt(file, lineCounter, warning.pos[0], warning.pos[1], {
        code: 'yaml-warning',
        severity: 'warning',
        message: yamlMessage(warning),
      }),
    );
  }
  if (errors.length > 0) return { ok: false, problems: sortProblems([...errors, ...warnings]) };

  warnings.push(...findChangedKeys(doc, file, lineCounter), ...findImpreciseNumbers(doc, file, lineCounter));

  // 7. Build the plain value. Alias bombs only show here: parseDocument stays cheap, toJS explodes.
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const alias = firstAlias(doc);
    const [from, to] = alias ? span(alias) : [0, 0];
    const aliasBomb = error instanceof Error && /excessive alias count/i.test(error.message);
    return {
      ok: false,
      problems: sortProblems([
        ...warnings,
        problemAt(file, lineCounter, from, to, {
          code: aliasBomb ? 'too-many-aliases' : 'unreadable',
          severity: 'error',
          message: aliasBomb
            ? `the file repeats anchored values (*alias) more than ${MAX_ALIAS_COUNT} times — that is how YAML "billion laughs" bombs work; write the values out instead`
            : `the file cannot be read as values: ${error instanceof Error ? error.message : String(error)}`,
        }),
      ]),
    };
  }

  if (value === null || value === undefined) value = {};
  if (!isValuesMap(value)) {
    const [from, to] = doc.contents ? span(doc.contents as Node) : [0, 0];
    return {
      ok: false,
      problems: sortProblems([
        ...warnings,
        problemAt(file, lineCounter, from, Math.min(to, firstLineEnd(text, from)), {
          code: 'not-a-map',
          severity: 'error',
          message: `a values file must be a map of keys (\`key: value\` lines) at the top level, not ${Array.isArray(value) ? 'a list' : 'a single value'}`,
        }),
      ]),
    };
  }

  if (valueDepth(value, maxDepth) > maxDepth) {
    return {
      ok: false,
      problems: sortProblems([
        ...warnings,
        problemAtFileStart(file, {
          code: 'too-deep',
          severity: 'error',
          message: `once its aliases are expanded, the file nests maps or lists more than ${maxDepth} levels deep`,
        }),
      ]),
    };
  }

  return { ok: true, doc, value, lineCounter, problems: sortProblems(warnings) };
}

function sortProblems(problems: ValuesProblem[]): ValuesProblem[] {
  return limitProblems([...problems].sort((a, b) => (a.from ?? 0) - (b.from ?? 0) || a.line - b.line));
}

/** The first MAX_PROBLEMS problems, and one more line saying how many were left out. */
export function limitProblems(problems: ValuesProblem[], max = MAX_PROBLEMS): ValuesProblem[] {
  if (problems.length <= max) return problems;
  const shown = problems.slice(0, max);
  const left = problems.length - max;
  const errors = problems.slice(max).some((p) => p.severity === 'error');
  return [
    ...shown,
    problemAtFileStart(shown[0].file, {
      code: 'too-many-problems',
      severity: errors ? 'error' : 'warning',
      message: `${left.toLocaleString('en-US')} more problem${left === 1 ? '' : 's'} not listed: fix the ones above first`,
    }),
  ];
}

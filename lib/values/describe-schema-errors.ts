// Turns Ajv's errors on the merged values into plain-words findings, one per real mistake.
// Isomorphic.
import type { ErrorObject } from 'ajv';
import { isValuesMap } from './merge';
import { formatValuesPath, pathFromPointer } from './values-path';

export interface SchemaFinding {
  /** The offending value; for `key` the unknown key itself; for `parent` the map missing a key. */
  path: (string | number)[];
  target: 'value' | 'key' | 'parent';
  /** For `parent`: the key that is missing. */
  missingKey?: string;
  keyword: string;
  message: string;
  /** The schema wanted text here: an unquoted YAML word or number is the usual cause. */
  wantsText: boolean;
}

const TYPE_WORDS: Record<string, string> = {
  integer: 'a whole number',
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
  object: 'a map of keys',
  array: 'a list',
  null: 'null',
};

function typeWords(type: unknown): string[] {
  const types = Array.isArray(type) ? type : String(type).split(',');
  return types.map((t) => TYPE_WORDS[String(t)] ?? String(t));
}

function orList(words: string[]): string {
  const unique = [...new Set(words)];
  if (unique.length <= 1) return unique[0] ?? '';
  return `${unique.slice(0, -1).join(', ')} or ${unique[unique.length - 1]}`;
}

/** The value as the user wrote it: strings in quotes, so `"3"` and `3` look different. */
export function describeGot(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (Array.isArray(value)) return 'a list';
  if (isValuesMap(value)) return 'a map';
  return String(value);
}

function quoted(values: unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? `\`${v}\`` : JSON.stringify(v))).join(', ');
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** The closest known word, when it is close enough to be a typo (about one edit per three letters). */
export function suggestKey(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of [...candidates].sort()) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const allowed = Math.max(1, Math.floor(word.length / 3));
  return best !== undefined && bestDistance <= allowed ? best : undefined;
}

function schemaProperties(schema: unknown): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const properties = (schema as { properties?: unknown }).properties;
  return isValuesMap(properties) ? Object.keys(properties) : [];
}

function schemaPatterns(schema: unknown): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const patterns = (schema as { patternProperties?: unknown }).patternProperties;
  return isValuesMap(patterns) ? Object.keys(patterns) : [];
}

// Map keys named by the user (deployment names) are usually refused for case or punctuation.
function suggestByPattern(key: string, patterns: string[]): string | undefined {
  const candidate = key.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  if (candidate === key || candidate === '') return undefined;
  return patterns.some((pattern) => safeTest(pattern, candidate)) ? candidate : undefined;
}

function safeTest(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(text);
  } catch {
    return false;
  }
}

function where(path: (string | number)[]): string {
  return path.length === 0 ? 'at the top level' : `under ${formatValuesPath(path)}`;
}

function pathWords(path: (string | number)[]): string {
  return path.length === 0 ? 'the values' : formatValuesPath(path);
}

function branchOf(error: ErrorObject, alternative: ErrorObject): string | undefined {
  const prefix = `${alternative.schemaPath}/`;
  if (!error.schemaPath.startsWith(prefix)) return undefined;
  if (!error.instancePath.startsWith(alternative.instancePath)) return undefined;
  return error.schemaPath.slice(prefix.length).split('/')[0];
}

interface Pruned {
  errors: ErrorObject[];
  /** anyOf/oneOf errors where no branch fit the value's shape, with what the branches wanted. */
  expected: Map<ErrorObject, string[]>;
}

/**
 * anyOf/oneOf report every branch's complaints. When a branch fits the value's shape (its errors
 * are about something deeper), only that branch's errors are the user's mistake; otherwise one
 * line "must be X or Y" says it all.
 */
function pruneAlternatives(errors: ErrorObject[]): Pruned {
  const dropped = new Set<ErrorObject>();
  const expected = new Map<ErrorObject, string[]>();
  const alternatives = errors
    .filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf')
    .sort((a, b) => b.schemaPath.length - a.schemaPath.length);
  for (const alternative of alternatives) {
    if (alternative.keyword === 'oneOf' && alternative.params.passingSchemas) continue;
    const branches = new Map<string, ErrorObject[]>();
    for (const error of errors) {
      if (error === alternative || dropped.has(error)) continue;
      const branch = branchOf(error, alternative);
      if (branch === undefined) continue;
      branches.set(branch, [...(branches.get(branch) ?? []), error]);
    }
    const shapeMismatch = (e: ErrorObject) =>
      e.instancePath === alternative.instancePath && ['type', 'const', 'enum', 'false schema'].includes(e.keyword);
    const fitting = [...branches.values()].filter((list) => !list.some(shapeMismatch));
    const keep = fitting.sort((a, b) => a.length - b.length)[0];
    for (const list of branches.values()) {
      if (list === keep) continue;
      for (const error of list) dropped.add(error);
    }
    if (keep) {
      dropped.add(alternative);
    } else {
      const words: string[] = [];
      for (const list of branches.values()) {
        for (const error of list) {
          if (error.keyword === 'type') words.push(...typeWords(error.params.type));
          if (error.keyword === 'const') words.push(quoted([error.params.allowedValue]));
          if (error.keyword === 'enum') words.push(`one of ${quoted(error.params.allowedValues as unknown[])}`);
        }
      }
      expected.set(alternative, words);
    }
  }
  return { errors: errors.filter((e) => !dropped.has(e)), expected };
}

function describe(error: ErrorObject, root: unknown, expected: string[] | undefined): SchemaFinding | undefined {
  const path = pathFromPointer(error.instancePath, root);
  const name = pathWords(path);
  const got = describeGot(error.data);
  const params = error.params as Record<string, unknown>;
  const finding = (message: string, extra: Partial<SchemaFinding> = {}): SchemaFinding => ({
    path,
    target: 'value',
    keyword: error.keyword,
    message,
    wantsText: false,
    ...extra,
  });

  switch (error.keyword) {
    case 'type': {
      const types = Array.isArray(params.type) ? (params.type as string[]) : String(params.type).split(',');
      return finding(`${name} must be ${orList(typeWords(types))} (got ${got})`, { wantsText: types.includes('string') });
    }
    case 'required': {
      const key = String(params.missingProperty);
      return finding(`missing required key \`${key}\` ${where(path)}`, { target: 'parent', missingKey: key });
    }
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const patterns = schemaPatterns(error.parentSchema);
      const suggestion = suggestKey(key, schemaProperties(error.parentSchema)) ?? suggestByPattern(key, patterns);
      const hint = suggestion
        ? ` — did you mean \`${suggestion}\`?`
        : patterns.length > 0
          ? ` (names here must match ${patterns.map((p) => `\`${p}\``).join(' or ')})`
          : '';
      return finding(`unknown key \`${key}\` ${where(path)}${hint}`, { path: [...path, key], target: 'key' });
    }
    case 'propertyNames': {
      const key = String(params.propertyName);
      return finding(`the key \`${key}\` is not allowed ${where(path)}`, { path: [...path, key], target: 'key' });
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]) ?? [];
      const suggestion =
        typeof error.data === 'string' ? suggestKey(error.data, allowed.filter((v): v is string => typeof v === 'string')) : undefined;
      const hint = suggestion ? ` — did you mean \`${suggestion}\`?` : '';
      return finding(`${name} must be one of ${quoted(allowed)} (got ${got})${hint}`);
    }
    case 'const':
      return finding(`${name} must be ${quoted([params.allowedValue])} (got ${got})`);
    case 'minimum':
      return finding(`${name} must be at least ${params.limit} (got ${got})`);
    case 'maximum':
      return finding(`${name} must be at most ${params.limit} (got ${got})`);
    case 'exclusiveMinimum':
      return finding(`${name} must be more than ${params.limit} (got ${got})`);
    case 'exclusiveMaximum':
      return finding(`${name} must be less than ${params.limit} (got ${got})`);
    case 'multipleOf':
      return finding(`${name} must be a multiple of ${params.multipleOf} (got ${got})`);
    case 'minLength':
      return finding(
        Number(params.limit) === 1 ? `${name} must not be empty` : `${name} must be at least ${params.limit} characters long (got ${got})`,
      );
    case 'maxLength':
      return finding(`${name} must be at most ${params.limit} characters long`);
    case 'pattern':
      return finding(`${name} must match the pattern \`${params.pattern}\` (got ${got})`);
    case 'format':
      return finding(`${name} must be a valid ${params.format} (got ${got})`);
    case 'minItems':
      return finding(`${name} must have at least ${params.limit} item${Number(params.limit) === 1 ? '' : 's'}`);
    case 'maxItems':
      return finding(`${name} must have at most ${params.limit} item${Number(params.limit) === 1 ? '' : 's'}`);
    case 'uniqueItems':
      return finding(`${name} lists the same item twice (items ${Number(params.j) + 1} and ${Number(params.i) + 1})`);
    case 'minProperties':
      return finding(`${name} must have at least ${params.limit} key${Number(params.limit) === 1 ? '' : 's'}`);
    case 'maxProperties':
      return finding(`${name} must have at most ${params.limit} key${Number(params.limit) === 1 ? '' : 's'}`);
    case 'dependencies':
    case 'dependentRequired':
      return finding(`${name} needs \`${params.missingProperty}\` when \`${params.property}\` is set`, {
        target: 'parent',
        missingKey: String(params.missingProperty),
      });
    case 'anyOf':
    case 'oneOf':
      if (error.keyword === 'oneOf' && params.passingSchemas) {
        return finding(`${name} fits more than one of the allowed forms; it must fit exactly one`);
      }
      return finding(
        expected && expected.length > 0
          ? `${name} must be ${orList(expected)} (got ${got})`
          : `${name} does not fit any of the allowed forms (got ${got})`,
      );
    case 'not':
      return finding(`${name} is not allowed to be ${got}`);
    case 'false schema':
      return finding(`${name} is not allowed here`);
    case 'if':
      // The `then`/`else` branch reports the actual mistake.
      return undefined;
    default:
      return finding(`${name} ${error.message ?? 'is not valid'}`);
  }
}

/**
 * Findings for Ajv's errors on `root`, with anyOf/oneOf noise and repeats removed. With `limit`,
 * only that many are put in words (the costly part: "did you mean" compares every unknown key
 * with the schema's); `undescribed` counts the errors left after them.
 */
export function describeSchemaErrors(errors: readonly ErrorObject[], root: unknown, limit = Infinity): SchemaFinding[] & { undescribed?: number } {
  const { errors: kept, expected } = pruneAlternatives([...errors]);
  const seen = new Set<string>();
  const findings: SchemaFinding[] & { undescribed?: number } = [];
  for (const [index, error] of kept.entries()) {
    if (findings.length >= limit) {
      findings.undescribed = kept.length - index;
      break;
    }
    const finding = describe(error, root, expected.get(error));
    if (!finding) continue;
    const key = `${finding.target}|${formatValuesPath(finding.path)}|${finding.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push(finding);
  }
  return findings;
}

// The quick way to read an ordinary values file: maps, lists, plain, quoted and block scalars,
// flow collections, comments. Isomorphic.
//
// Why a second reader. The `yaml` package builds a full document (every node with its position)
// and costs about 8 µs a line: 40 ms for a file of 5,000 keys, most of a save's time budget.
// js-yaml reads the same text into plain values about eight times faster but keeps no positions.
// Positions are only needed to place a problem at its line, so a file read here gets its
// document built later, and only if something must be placed (parse-values.ts).
//
// The quick reader must never answer differently from the full one. So:
// - it uses the full reader's own scalar rules: every implicit type below is one of the `yaml`
//   package's Helm tags (helm-yaml-options.ts), with its test and resolve functions, in its order;
// - it answers only for files where the full reader would find nothing to say, and otherwise
//   returns undefined: anything with anchors, aliases, tags, merge keys, directives, escapes,
//   tabs, Windows line endings or a byte order mark (which the full reader counts, checks or
//   warns about), a key YAML 1.1 reads as something other than text, a whole number too large
//   to keep, a map deeper than the limit or more entries than the limit, any error or warning;
// - read-plain-values.test.ts reads a corpus of values files both ways and compares.
import { FAILSAFE_SCHEMA, load, Type, type Schema } from 'js-yaml';
import { Document, isScalar, type ScalarTag } from 'yaml';
import { HELM_YAML_OPTIONS } from './helm-yaml-options';
import type { ValuesMap } from './types';

/**
 * Text the quick reader leaves to the full one, by character or line shape: anchors and aliases
 * (`&`, `*`: alias bombs are counted there), tags (`!`), escapes in double quotes (`\`), tabs
 * (refused as indentation there), CR and BOM (warned about), merge keys (`<<`), directives (`%`),
 * document ends (`...`), explicit keys (`?`), and a flow list or map closed at the start of a
 * line (warned about when not indented).
 */
const LEFT_TO_THE_FULL_READER = /[&*!\\\t\r\ufeff]|<<|^%|^\.\.\.|^ *[\]}]|^ *\?(?: |$)/m;

interface HelmScalarTypes {
  schema: Schema;
  /** How many plain scalars became a number or a boolean, by the last read. */
  built: { count: number; failed: boolean };
}

let helmTypes: HelmScalarTypes | undefined;

/** js-yaml types made of the `yaml` package's Helm scalar tags, in the order it tries them. */
function helmScalarTypes(): HelmScalarTypes {
  if (helmTypes) return helmTypes;
  const helm = new Document(null, HELM_YAML_OPTIONS);
  const built = { count: 0, failed: false };
  const onError = () => {
    built.failed = true;
  };
  const tags = helm.schema.tags.filter((tag): tag is ScalarTag => tag.default === true && 'test' in tag && tag.test instanceof RegExp);
  const types = tags.map((tag, index) => {
    const test = tag.test as RegExp;
    const isNull = tag.tag === 'tag:yaml.org,2002:null';
    // Unique names: js-yaml keeps one type per tag name, and Helm has two bools and three ints.
    return new Type(`${tag.tag}#${index}`, {
      kind: 'scalar',
      resolve: (data: unknown) => typeof data === 'string' && test.test(data),
      construct: (data: string) => {
        if (!isNull) built.count++;
        // As yaml's composer does: some tags answer a Scalar (to remember how it was written).
        const resolved = tag.resolve(data, onError, helm.options);
        return isScalar(resolved) ? resolved.value : resolved;
      },
    });
  });
  helmTypes = { schema: FAILSAFE_SCHEMA.extend({ implicit: types }), built };
  return helmTypes;
}

export interface PlainValuesLimits {
  maxDepth: number;
  maxEntries: number;
}

/**
 * The values of `text` when the file is an ordinary one the full reader would accept without a
 * word; undefined when the full reader must read it (see the top of this file).
 */
export function readPlainValues(text: string, limits: PlainValuesLimits): ValuesMap | undefined {
  if (LEFT_TO_THE_FULL_READER.test(text)) return undefined;
  const { schema, built } = helmScalarTypes();
  built.count = 0;
  built.failed = false;
  let value: unknown;
  try {
    let warned = false;
    value = load(text, {
      schema,
      onWarning: () => {
        warned = true;
      },
    });
    if (warned) return undefined;
  } catch {
    // Any error (a duplicate key, bad indentation, nesting past the stack): the full reader says it.
    return undefined;
  }
  if (built.failed || !isPlainMap(value)) return undefined;
  return isWithinLimits(value, built.count, limits) ? value : undefined;
}

function isPlainMap(value: unknown): value is ValuesMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Walks the values once: depth and entry limits, no key that was a null (js-yaml names it "null",
 * Helm ""), no whole number past 2^53, and exactly as many numbers and booleans as plain scalars
 * became: one more built than found means a key was a number or boolean, which the full reader
 * warns about.
 */
function isWithinLimits(root: ValuesMap, builtScalars: number, limits: PlainValuesLimits): boolean {
  let entries = 0;
  let scalars = 0;
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (typeof node === 'number') {
      if (Number.isInteger(node) && !Number.isSafeInteger(node)) return false;
      scalars++;
      continue;
    }
    if (typeof node === 'boolean') {
      scalars++;
      continue;
    }
    if (typeof node !== 'object' || node === null) continue;
    if (depth > limits.maxDepth) return false;
    if (Array.isArray(node)) {
      entries += node.length;
      for (const item of node) stack.push([item, depth + 1]);
    } else {
      for (const key of Object.keys(node)) {
        if (key === 'null' || key === '') return false;
        entries++;
        stack.push([(node as ValuesMap)[key], depth + 1]);
      }
    }
    if (entries > limits.maxEntries) return false;
  }
  return scalars === builtScalars;
}

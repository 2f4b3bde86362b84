// Validates an app's values for one environment the way `helm upgrade` would — the chart's schema
// against the MERGED values — and reports each mistake at the file and line that made it.
// Isomorphic: the editor runs it on every keystroke pause, the server before every commit.
import { isScalar } from 'yaml';
import { checkSmartDefaults } from './check-smart-defaults';
import { describeSchemaErrors, type SchemaFinding } from './describe-schema-errors';
import { locateNullAt, locateParent, locateValue, problemAtLocation, type ValueLocation } from './locate-value';
import { mergeLayers, parseLayers } from './parse-layers';
import { limitProblems, MAX_PROBLEMS } from './parse-values';
import { problemAtFileStart } from './problem-at';
import { getSchemaValidator } from './schema-validator';
import type { ParsedValuesLayer, ValuesEnvironment, ValuesLayer, ValuesMap, ValuesProblem } from './types';
import { formatValuesPath } from './values-path';

export interface ValidateValuesOptions {
  /** The chart's values.schema.json, parsed. Keep one object per revision: it is compiled once. */
  schema: object;
  /** Chart defaults, app values, environment values — Helm's precedence order, lowest first. */
  layers: ValuesLayer[];
  environment: string;
  environments?: ValuesEnvironment[];
  /** Where the schema lives, for problems about the schema itself. */
  schemaFile?: string;
  maxBytes?: number;
}

export interface ValuesValidation {
  /** No errors (warnings allowed). */
  ok: boolean;
  /** Helm's merge of the layers, or null when some layer could not be parsed. */
  merged: ValuesMap | null;
  /** Parse problems first, then schema errors, then smart-default warnings. */
  problems: ValuesProblem[];
}

/** Ajv errors read to describe them (pruning anyOf/oneOf alternatives compares them pairwise). */
const MAX_SCHEMA_ERRORS_READ = 1000;

function hasErrors(problems: readonly ValuesProblem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

// "must be text (got 8080)" is clearer with the fix: YAML read the bare word as a number/boolean.
function quoteHint(finding: SchemaFinding, location: ValueLocation): string {
  if (!finding.wantsText || !location.exact || !isScalar(location.node) || location.node.type !== 'PLAIN') return '';
  const written = location.layer.text.slice(location.from, location.to);
  const value = location.node.value;
  if (written === '' || typeof value === 'string' || value === null) return '';
  if (String(value) === written) return ` — write "${written}" in quotes to make it text`;
  return ` — YAML reads the bare \`${written}\` as ${String(value)}; write "${written}" in quotes`;
}

// Helm keeps a null that has no chart default to delete, and the schema then sees it.
function nullHint(location: ValueLocation): string {
  if (!location.exact || !isScalar(location.node) || location.node.value !== null || location.layer.kind === 'chart') return '';
  return ' — `null` only deletes keys the chart\'s defaults set; to drop this value, remove the key from the file that sets it';
}

function placeFinding(finding: SchemaFinding, layers: readonly ParsedValuesLayer[]): ValuesProblem {
  const details = { code: 'schema', severity: 'error' as const };
  if (finding.target === 'parent' && finding.missingKey !== undefined) {
    const missingPath = [...finding.path, finding.missingKey];
    const path = formatValuesPath(missingPath);
    // A required key deleted with `key: null` is best shown at that null.
    const deletedAt = locateNullAt(layers, missingPath);
    if (deletedAt) {
      return problemAtLocation(deletedAt, {
        ...details,
        path,
        message: `${finding.message}: \`${finding.missingKey}: null\` here deletes it`,
      });
    }
    const location = locateParent(layers, finding.path);
    if (location) return problemAtLocation(location, { ...details, path, message: finding.message });
    return problemAtFileStart(layers[0]?.file ?? 'values.yaml', { ...details, path, message: finding.message });
  }
  const path = formatValuesPath(finding.path);
  const location = locateValue(layers, finding.path, finding.target === 'key' ? 'key' : 'value');
  if (!location) return problemAtFileStart(layers[0]?.file ?? 'values.yaml', { ...details, path, message: finding.message });
  return problemAtLocation(location, { ...details, path, message: finding.message + quoteHint(finding, location) + nullHint(location) });
}

function byPlace(a: ValuesProblem, b: ValuesProblem, fileOrder: Map<string, number>): number {
  return (
    (fileOrder.get(a.file) ?? 0) - (fileOrder.get(b.file) ?? 0) ||
    (a.from ?? 0) - (b.from ?? 0) ||
    a.message.localeCompare(b.message)
  );
}

export function validateValues(options: ValidateValuesOptions): ValuesValidation {
  const { layers, environment, environments, schema } = options;
  const { parsed, problems: parseProblems } = parseLayers(layers, { maxBytes: options.maxBytes });
  if (hasErrors(parseProblems)) return { ok: false, merged: null, problems: parseProblems };

  const merged = mergeLayers(parsed);
  const validator = getSchemaValidator(schema);
  const schemaProblems: ValuesProblem[] = [];
  if (!validator.ok) {
    schemaProblems.push(
      problemAtFileStart(options.schemaFile ?? 'chart/values.schema.json', {
        code: 'schema-invalid',
        severity: 'error',
        message: `the chart's values schema cannot be used: ${validator.message}`,
      }),
    );
  } else if (!validator.validate(merged)) {
    // Ajv reports every mistake; describing and placing them is the costly part, so only as many
    // as are listed are placed (the rest are counted), and alternatives are pruned among a bounded set.
    const errors = validator.validate.errors ?? [];
    const findings = describeSchemaErrors(errors.slice(0, MAX_SCHEMA_ERRORS_READ), merged, MAX_PROBLEMS);
    schemaProblems.push(...findings.map((finding) => placeFinding(finding, parsed)));
    const unlisted = (findings.undescribed ?? 0) + Math.max(0, errors.length - MAX_SCHEMA_ERRORS_READ);
    if (unlisted > 0) {
      // Counted, not described: the schema check may count one mistake twice.
      const more = `About ${unlisted.toLocaleString('en-US')}`;
      schemaProblems.push(
        problemAtFileStart(layers[layers.length - 1]?.file ?? 'values.yaml', {
          code: 'too-many-problems',
          severity: 'error',
          message: `${more} more schema problems not listed: fix the ones listed first`,
        }),
      );
    }
  }

  const fileOrder = new Map(layers.map((layer, i) => [layer.file, i]));
  const warnings = checkSmartDefaults({ layers: parsed, environment, environments });
  const problems = [
    ...parseProblems,
    ...schemaProblems.sort((a, b) => (a.code === 'too-many-problems' ? 1 : b.code === 'too-many-problems' ? -1 : byPlace(a, b, fileOrder))),
    ...limitProblems(warnings.sort((a, b) => byPlace(a, b, fileOrder))),
  ];
  return { ok: !hasErrors(problems), merged, problems };
}

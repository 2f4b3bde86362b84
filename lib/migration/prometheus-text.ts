// A strict reader of the Prometheus text exposition format (0.0.4), as Envoy's /stats/prometheus
// writes it. Strict on purpose: a snapshot Berth cannot read exactly is refused with the line and
// the reason, never half-used to decide a rollback. (The npm parsers we looked at accept malformed
// lines silently and give no line numbers.) Isomorphic.

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export interface PromSample {
  /** The sample's own name: for a histogram family, name_bucket / name_sum / name_count. */
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface PromFamily {
  name: string;
  type: MetricType;
  samples: PromSample[];
}

export class PrometheusTextError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = 'PrometheusTextError';
  }
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set<MetricType>(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const SUFFIXES: Record<string, readonly string[]> = { histogram: ['_bucket', '_sum', '_count'], summary: ['_sum', '_count', ''] };

function parseValue(text: string, line: number): number {
  // Whole numbers, most of Envoy's values, without a regular expression.
  let digits = text.length > 0 && text.length < 16;
  for (let i = 0; digits && i < text.length; i++) {
    const c = text.charCodeAt(i);
    digits = c >= 48 && c <= 57;
  }
  if (digits) return Number(text);
  switch (text) {
    case 'NaN':
      return Number.NaN;
    case '+Inf':
    case 'Inf':
      return Number.POSITIVE_INFINITY;
    case '-Inf':
      return Number.NEGATIVE_INFINITY;
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) throw new PrometheusTextError(line, `"${text.slice(0, 40)}" is not a number`);
  return Number(text);
}

/** Parses a whole exposition. Throws PrometheusTextError naming the first line that is wrong. */
export function parsePrometheusText(text: string): Map<string, PromFamily> {
  const families = new Map<string, PromFamily>();
  const seriesSeen = new Set<string>();
  let current: PromFamily | undefined;
  /** The sample names the current family's group may hold. */
  let members = new Set<string>();
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const lineNo = index + 1;
    const raw = lines[index];
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') continue;
    if (line.startsWith('#')) {
      const parts = line.slice(1).trim().split(/[ \t]+/);
      if (parts[0] !== 'TYPE' && parts[0] !== 'HELP') continue; // a plain comment
      const name = parts[1];
      if (!name || !METRIC_NAME.test(name)) throw new PrometheusTextError(lineNo, `# ${parts[0]} names no valid metric`);
      if (parts[0] === 'HELP') continue;
      const type = parts[2] as MetricType;
      if (!TYPES.has(type) || parts.length !== 3) throw new PrometheusTextError(lineNo, `# TYPE ${name} has an unknown type "${parts.slice(2).join(' ')}"`);
      if (families.has(name)) throw new PrometheusTextError(lineNo, `# TYPE ${name} appears a second time (its samples must be one group)`);
      current = { name, type, samples: [] };
      families.set(name, current);
      members = new Set((SUFFIXES[type] ?? ['']).map((suffix) => name + suffix));
      continue;
    }
    const sample = parseSampleLine(line, lineNo);
    // Which family: the current TYPE group when the name is one of its series, else an untyped one.
    let family = current && members.has(sample.name) ? current : undefined;
    if (!family) {
      if (families.has(sample.name)) throw new PrometheusTextError(lineNo, `${sample.name} appears again after another metric (its samples must be one group)`);
      family = { name: sample.name, type: 'untyped', samples: [] };
      families.set(sample.name, family);
      current = family;
      members = new Set([sample.name]);
    }
    if (seriesSeen.has(sample.key)) throw new PrometheusTextError(lineNo, `${sample.name} appears twice with the same labels`);
    seriesSeen.add(sample.key);
    if (family.type === 'histogram' && sample.name.endsWith('_bucket') && sample.labels.le === undefined) {
      throw new PrometheusTextError(lineNo, `${sample.name} has no le label`);
    }
    if (family.type === 'counter' && !(sample.value >= 0)) throw new PrometheusTextError(lineNo, `counter ${sample.name} is negative or not a number`);
    family.samples.push({ name: sample.name, labels: sample.labels, value: sample.value });
  }
  return families;
}

// Names repeat on almost every line: each distinct one is checked once.
const checkedMetricNames = new Set<string>();
const checkedLabelNames = new Set<string>();
function isMetricName(name: string): boolean {
  if (checkedMetricNames.has(name)) return true;
  if (!METRIC_NAME.test(name)) return false;
  if (checkedMetricNames.size < 10_000) checkedMetricNames.add(name);
  return true;
}
function isLabelName(name: string): boolean {
  if (checkedLabelNames.has(name)) return true;
  if (!LABEL_NAME.test(name)) return false;
  if (checkedLabelNames.size < 10_000) checkedLabelNames.add(name);
  return true;
}

const isNameChar = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 58;

/** Reads one sample line; `key` is the series as written (name and labels), for duplicate checks. */
function parseSampleLine(line: string, lineNo: number): PromSample & { key: string } {
  let i = 0;
  while (i < line.length && isNameChar(line.charCodeAt(i))) i++;
  const name = line.slice(0, i);
  if (!isMetricName(name) || (i < line.length && line[i] !== '{' && line[i] !== ' ' && line[i] !== '\t')) {
    throw new PrometheusTextError(lineNo, `"${line.slice(0, Math.min(60, Math.max(i, 1)))}" is not a metric name`);
  }
  const labels: Record<string, string> = {};
  if (line[i] === '{') {
    i++;
    for (;;) {
      while (line[i] === ' ') i++;
      if (line[i] === '}') {
        i++;
        break;
      }
      const start = i;
      while (i < line.length && isNameChar(line.charCodeAt(i)) && line[i] !== ':') i++;
      const labelName = line.slice(start, i);
      if (!isLabelName(labelName)) throw new PrometheusTextError(lineNo, `${name}: a label name is missing or invalid`);
      if (line[i] !== '=' || line[i + 1] !== '"') throw new PrometheusTextError(lineNo, `${name}: label ${labelName} needs ="value"`);
      i += 2;
      let value: string;
      const close = line.indexOf('"', i);
      const slash = line.indexOf('\\', i);
      if (close >= 0 && (slash < 0 || slash > close)) {
        // No escape in the value: the common case, taken in one slice.
        value = line.slice(i, close);
        i = close + 1;
      } else {
        value = '';
        for (;;) {
          if (i >= line.length) throw new PrometheusTextError(lineNo, `${name}: the value of label ${labelName} is not closed`);
          const c = line[i];
          if (c === '"') {
            i++;
            break;
          }
          if (c === '\\') {
            const next = line[i + 1];
            if (next === 'n') value += '\n';
            else if (next === '\\' || next === '"') value += next;
            else throw new PrometheusTextError(lineNo, `${name}: label ${labelName} has an invalid escape`);
            i += 2;
            continue;
          }
          value += c;
          i++;
        }
      }
      if (labelName in labels) throw new PrometheusTextError(lineNo, `${name}: label ${labelName} appears twice`);
      labels[labelName] = value;
      while (line[i] === ' ') i++;
      if (line[i] === ',') {
        i++;
        continue;
      }
      if (line[i] === '}') {
        i++;
        break;
      }
      throw new PrometheusTextError(lineNo, `${name}: expected , or } after label ${labelName}`);
    }
  }
  const key = line.slice(0, i);
  while (line[i] === ' ' || line[i] === '\t') i++;
  let end = i;
  while (end < line.length && line[end] !== ' ' && line[end] !== '\t') end++;
  const valueText = line.slice(i, end);
  if (valueText === '') throw new PrometheusTextError(lineNo, `${name}: expected a value (and at most a timestamp) after the labels`);
  const rest = line.slice(end).trim();
  if (rest !== '' && !/^-?\d+$/.test(rest)) throw new PrometheusTextError(lineNo, `${name}: expected a value and at most an integer timestamp after the labels`);
  return { name, labels, value: parseValue(valueText, lineNo), key };
}

// The Logging query language, as far as the sandbox Cloud Logging server understands it: the
// subset Berth sends and a little more. Whatever it does not understand is a FilterParseError with
// the position — the server answers INVALID_ARGUMENT instead of quietly matching everything.
//
//   restriction  resource.type="k8s_container"   labels."k8s-pod/app"="web"   severity>=WARNING
//                timestamp>="2026-11-12T09:00:00Z"   jsonPayload.user.id:"42"   textPayload=~"^GET"
//   operators    =  !=  >  >=  <  <=  :  =~  !~      (`field:*` — the field exists)
//   value lists  resource.labels.pod_name=("a" OR "b")
//   text         "connection refused"   (a global restriction: anywhere in the entry)
//   boolean      AND, OR, NOT, a leading -, parentheses, adjacency = AND.
//                As in Cloud Logging, NOT binds tightest, then OR, then AND:
//                `a OR NOT b AND c` is `(a OR (NOT b)) AND c`.
//   strings      "…" with \" \\ \n \t \r escapes; unquoted values run to whitespace or a parenthesis.
//
// Comparisons: `=` is exact (severity names ignore case), `:` is a case-insensitive substring,
// `<`/`>` compare numbers as numbers, severities by level and timestamps in time. A comparison on
// a field the entry lacks is false; `!=` and `!~` are its negation, so they match it.

export const SEVERITY_LEVELS = {
  DEFAULT: 0,
  DEBUG: 100,
  INFO: 200,
  NOTICE: 300,
  WARNING: 400,
  ERROR: 500,
  CRITICAL: 600,
  ALERT: 700,
  EMERGENCY: 800,
} as const;

export type SeverityName = keyof typeof SEVERITY_LEVELS;

/** What a filter is evaluated against: the fields of a LogEntry the sandbox fills in. */
export interface FilterableEntry {
  logName: string;
  resource: { type: string; labels: Record<string, string> };
  labels: Record<string, string>;
  severity: SeverityName;
  /** Epoch nanoseconds. */
  timestamp: bigint;
  receiveTimestamp: bigint;
  insertId: string;
  textPayload?: string;
  jsonPayload?: Record<string, unknown>;
}

export class FilterParseError extends Error {
  /** 0-based offset into the filter. */
  readonly position: number;

  constructor(message: string, position: number) {
    super(`Invalid filter at position ${position + 1}: ${message}`);
    this.name = 'FilterParseError';
    this.position = position;
  }
}

type Operator = '=' | '!=' | '>' | '>=' | '<' | '<=' | ':' | '=~' | '!~';

export type FieldRef =
  | { kind: 'resource.type' }
  | { kind: 'resource.labels'; key: string }
  | { kind: 'labels'; key: string }
  | { kind: 'severity' }
  | { kind: 'timestamp' }
  | { kind: 'receiveTimestamp' }
  | { kind: 'logName' }
  | { kind: 'insertId' }
  | { kind: 'textPayload' }
  | { kind: 'jsonPayload'; path: string[] };

type Value =
  | { kind: 'string'; text: string }
  | { kind: 'exists' }
  | { kind: 'severity'; level: number }
  | { kind: 'time'; nanos: bigint }
  | { kind: 'regex'; regex: RegExp };

export type FilterNode =
  | { kind: 'all' }
  | { kind: 'and'; children: FilterNode[] }
  | { kind: 'or'; children: FilterNode[] }
  | { kind: 'not'; child: FilterNode }
  | { kind: 'compare'; field: FieldRef; op: Operator; value: Value }
  | { kind: 'text'; text: string };

const MAX_FILTER_LENGTH = 20_000;
const OPERATORS: Operator[] = ['>=', '<=', '!=', '=~', '!~', '=', '>', '<', ':'];
const KEYWORDS = ['AND', 'OR', 'NOT'] as const;
const SIMPLE_FIELDS = ['severity', 'timestamp', 'receiveTimestamp', 'logName', 'insertId', 'textPayload'] as const;
const KNOWN_FIELDS =
  'resource.type, resource.labels.*, labels.*, severity, timestamp, receiveTimestamp, logName, insertId, textPayload, jsonPayload.*';

/** Parses a filter; an empty filter matches every entry. Throws FilterParseError. */
export function parseFilter(filter: string): FilterNode {
  if (filter.length > MAX_FILTER_LENGTH) {
    throw new FilterParseError(`the filter is longer than ${MAX_FILTER_LENGTH} characters`, MAX_FILTER_LENGTH);
  }
  return new Parser(filter).parseAll();
}

/** Parse once, test many entries. */
export function compileFilter(filter: string): (entry: FilterableEntry) => boolean {
  const node = parseFilter(filter);
  return (entry) => evaluate(node, entry);
}

class Parser {
  private pos = 0;

  constructor(private readonly src: string) {}

  parseAll(): FilterNode {
    this.skipSpace();
    if (this.atEnd()) return { kind: 'all' };
    const node = this.parseConjunction();
    this.skipSpace();
    if (!this.atEnd()) {
      throw this.error(this.peek() === ')' ? 'a ")" without its "("' : `unexpected "${this.peek()}"`);
    }
    return node;
  }

  // conjunction := disjunction { [AND] disjunction }   (AND binds loosest)
  private parseConjunction(): FilterNode {
    const children = [this.parseDisjunction()];
    for (;;) {
      this.skipSpace();
      if (this.atEnd() || this.peek() === ')') break;
      if (this.keywordAt() === 'AND') {
        const at = this.pos;
        this.pos += 3;
        this.skipSpace();
        if (this.atEnd() || this.peek() === ')') throw this.error('AND needs a restriction after it', at);
      }
      children.push(this.parseDisjunction());
    }
    return children.length === 1 ? children[0] : { kind: 'and', children };
  }

  // disjunction := unary { OR unary }
  private parseDisjunction(): FilterNode {
    const children = [this.parseUnary()];
    for (;;) {
      this.skipSpace();
      if (this.keywordAt() !== 'OR') break;
      const at = this.pos;
      this.pos += 2;
      this.skipSpace();
      if (this.atEnd() || this.peek() === ')') throw this.error('OR needs a restriction after it', at);
      children.push(this.parseUnary());
    }
    return children.length === 1 ? children[0] : { kind: 'or', children };
  }

  // unary := NOT unary | -unary | primary
  private parseUnary(): FilterNode {
    this.skipSpace();
    const keyword = this.keywordAt();
    if (keyword === 'NOT') {
      const at = this.pos;
      this.pos += 3;
      this.skipSpace();
      if (this.atEnd() || this.peek() === ')') throw this.error('NOT needs a restriction after it', at);
      return { kind: 'not', child: this.parseUnary() };
    }
    if (keyword === 'AND' || keyword === 'OR') throw this.error(`${keyword} needs a restriction before it`);
    if (this.peek() === '-') {
      this.pos += 1;
      if (this.atEnd() || /\s/.test(this.peek())) throw this.error('"-" must be followed directly by a restriction');
      return { kind: 'not', child: this.parseUnary() };
    }
    return this.parsePrimary();
  }

  // primary := ( conjunction ) | "text" | comparison
  private parsePrimary(): FilterNode {
    const start = this.pos;
    const c = this.peek();
    if (this.atEnd()) throw this.error('a restriction was expected');
    if (c === '(') {
      this.pos += 1;
      this.skipSpace();
      if (this.peek() === ')') throw this.error('empty parentheses');
      const inner = this.parseConjunction();
      this.skipSpace();
      if (this.peek() !== ')') throw this.error('a "(" is not closed', start);
      this.pos += 1;
      return inner;
    }
    if (c === '"') {
      const text = this.readString();
      this.skipSpace();
      if (this.operatorAt()) throw this.error('a comparison needs a field name on its left, not a quoted string', start);
      return { kind: 'text', text };
    }
    if (/[A-Za-z_]/.test(c)) return this.parseComparison();
    if (c === ')') throw this.error('a ")" without its "("');
    throw this.error(`unexpected "${c}"`);
  }

  private parseComparison(): FilterNode {
    const fieldStart = this.pos;
    const field = this.readField();
    this.skipSpace();
    const op = this.operatorAt();
    if (!op) {
      if (this.peek() === '(') throw this.error('functions are not supported by the sandbox', fieldStart);
      throw this.error(
        `a comparison operator (= != > >= < <= : =~ !~) was expected after ${this.src.slice(fieldStart, this.pos).trim()}`,
      );
    }
    this.pos += op.length;
    this.skipSpace();
    return this.parseValueExpression(field, op);
  }

  // value := literal | ( values )   where values, like restrictions, are joined by OR (tighter)
  // and AND or adjacency: field=("a" OR "b")  means  field="a" OR field="b".
  private parseValueExpression(field: FieldRef, op: Operator): FilterNode {
    if (this.peek() !== '(') return { kind: 'compare', field, op, value: this.readValue(field, op) };
    if (op === '!=' || op === '!~') throw this.error(`a value list after ${op} is not supported by the sandbox; use NOT field${op[1]}(…)`);
    const open = this.pos;
    this.pos += 1;
    const conjuncts: FilterNode[] = [];
    for (;;) {
      this.skipSpace();
      if (this.atEnd()) throw this.error('a "(" is not closed', open);
      if (this.peek() === ')') {
        if (conjuncts.length === 0) throw this.error('a value was expected');
        this.pos += 1;
        return conjuncts.length === 1 ? conjuncts[0] : { kind: 'and', children: conjuncts };
      }
      if (conjuncts.length > 0 && this.keywordAt() === 'AND') {
        this.pos += 3;
        this.skipSpace();
      }
      const disjuncts = [this.readListValue(field, op)];
      for (;;) {
        this.skipSpace();
        if (this.keywordAt() !== 'OR') break;
        this.pos += 2;
        this.skipSpace();
        disjuncts.push(this.readListValue(field, op));
      }
      conjuncts.push(disjuncts.length === 1 ? disjuncts[0] : { kind: 'or', children: disjuncts });
    }
  }

  private readListValue(field: FieldRef, op: Operator): FilterNode {
    const keyword = this.keywordAt();
    if (keyword === 'NOT') throw this.error('NOT inside a value list is not supported by the sandbox');
    if (keyword) throw this.error(`a value was expected before ${keyword}`);
    if (this.peek() === '(') throw this.error('nested value lists are not supported by the sandbox');
    if (this.peek() === ')' || this.atEnd()) throw this.error('a value was expected');
    return { kind: 'compare', field, op, value: this.readValue(field, op) };
  }

  private readField(): FieldRef {
    const start = this.pos;
    const head = this.readIdentifier();
    if ((KEYWORDS as readonly string[]).includes(head)) throw this.error(`${head} needs a restriction before it`, start);
    const segments = [head];
    while (this.peek() === '.') {
      this.pos += 1;
      segments.push(this.peek() === '"' ? this.readString() : this.readIdentifier());
    }
    if (this.peek() === '[') throw this.error('array indexes in field names are not supported by the sandbox');
    const path = this.src.slice(start, this.pos);
    const unknown = () => new FilterParseError(`unknown field ${path} (the sandbox understands ${KNOWN_FIELDS})`, start);
    switch (head) {
      case 'resource':
        if (segments.length === 2 && segments[1] === 'type') return { kind: 'resource.type' };
        if (segments.length === 3 && segments[1] === 'labels') return { kind: 'resource.labels', key: segments[2] };
        throw unknown();
      case 'labels':
        if (segments.length === 2) return { kind: 'labels', key: segments[1] };
        throw unknown();
      case 'jsonPayload':
        if (segments.length >= 2) return { kind: 'jsonPayload', path: segments.slice(1) };
        throw unknown();
      default:
        if (segments.length === 1 && (SIMPLE_FIELDS as readonly string[]).includes(head)) {
          return { kind: head as (typeof SIMPLE_FIELDS)[number] };
        }
        if (segments.length === 1) {
          this.skipSpace();
          if (this.peek() === '(') throw new FilterParseError(`functions such as ${head}() are not supported by the sandbox`, start);
          if (!this.operatorAt()) {
            throw new FilterParseError(
              `bare words are not supported by the sandbox: quote text to search for it ("${head}"); AND, OR and NOT are uppercase`,
              start,
            );
          }
        }
        throw unknown();
    }
  }

  private readValue(field: FieldRef, op: Operator): Value {
    const start = this.pos;
    if (this.atEnd()) throw this.error('a value was expected');
    let text: string;
    let quoted = false;
    if (this.peek() === '"') {
      text = this.readString();
      quoted = true;
    } else {
      const match = /^[^\s()"]+/.exec(this.src.slice(this.pos));
      if (!match) throw this.error('a value was expected');
      text = match[0];
      if ((KEYWORDS as readonly string[]).includes(text)) throw this.error(`a value was expected, not ${text}`);
      this.pos += text.length;
    }
    const fail = (message: string) => new FilterParseError(message, start);

    if (op === '=~' || op === '!~') {
      if (field.kind === 'severity' || field.kind === 'timestamp' || field.kind === 'receiveTimestamp') {
        throw fail(`${op} does not apply to ${field.kind}`);
      }
      try {
        return { kind: 'regex', regex: new RegExp(text) };
      } catch (error) {
        throw fail(`invalid regular expression: ${(error as Error).message}`);
      }
    }
    if (op === ':' && text === '*' && !quoted) return { kind: 'exists' };
    if (field.kind === 'severity') {
      if (op === ':') throw fail('severity takes = != < <= > >=, not :');
      const level = severityLevelOf(text);
      if (level === undefined) throw fail(`"${text}" is not a severity (${Object.keys(SEVERITY_LEVELS).join(', ')})`);
      return { kind: 'severity', level };
    }
    if (field.kind === 'timestamp' || field.kind === 'receiveTimestamp') {
      if (op === ':') throw fail(`${field.kind} takes = != < <= > >=, not :`);
      const nanos = parseTime(text);
      if (nanos === undefined) throw fail(`"${text}" is not an RFC 3339 time such as 2026-11-12T09:00:00Z`);
      return { kind: 'time', nanos };
    }
    return { kind: 'string', text };
  }

  private readIdentifier(): string {
    const match = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.src.slice(this.pos));
    if (!match) throw this.error('a field name was expected');
    this.pos += match[0].length;
    return match[0];
  }

  private readString(): string {
    const start = this.pos;
    this.pos += 1; // opening quote
    let out = '';
    for (;;) {
      if (this.atEnd()) throw this.error('a string is not closed (a " is missing)', start);
      const c = this.src[this.pos];
      if (c === '"') {
        this.pos += 1;
        return out;
      }
      if (c === '\\') {
        const next = this.src[this.pos + 1];
        const escapes: Record<string, string> = { '"': '"', '\\': '\\', n: '\n', t: '\t', r: '\r' };
        if (next === undefined || !(next in escapes)) {
          throw this.error(`unknown escape "\\${next ?? ''}" (use \\" or \\\\)`);
        }
        out += escapes[next];
        this.pos += 2;
        continue;
      }
      out += c;
      this.pos += 1;
    }
  }

  private operatorAt(): Operator | undefined {
    return OPERATORS.find((op) => this.src.startsWith(op, this.pos));
  }

  private keywordAt(): (typeof KEYWORDS)[number] | undefined {
    return KEYWORDS.find((keyword) => {
      if (!this.src.startsWith(keyword, this.pos)) return false;
      const after = this.src[this.pos + keyword.length];
      return after === undefined || /[\s()"-]/.test(after);
    });
  }

  private skipSpace(): void {
    while (!this.atEnd() && /\s/.test(this.src[this.pos])) this.pos += 1;
  }

  private peek(): string {
    return this.src[this.pos] ?? '';
  }

  private atEnd(): boolean {
    return this.pos >= this.src.length;
  }

  private error(message: string, position = this.pos): FilterParseError {
    return new FilterParseError(message, position);
  }
}

export function severityLevelOf(text: string): number | undefined {
  const upper = text.toUpperCase();
  if (Object.hasOwn(SEVERITY_LEVELS, upper)) return SEVERITY_LEVELS[upper as SeverityName];
  if (/^\d{1,3}$/.test(text)) return Number(text);
  return undefined;
}

const RFC3339 = /^(\d{4})-(\d\d)-(\d\d)[Tt](\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?([Zz]|[+-]\d\d:\d\d)$/;

/** Epoch nanoseconds of an RFC 3339 time, or undefined. */
export function parseTime(text: string): bigint | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  const check = new Date(ms);
  if (check.getUTCMonth() !== +m[2] - 1 || check.getUTCDate() !== +m[3] || check.getUTCHours() !== +m[4] || +m[5] > 59 || +m[6] > 59) return undefined;
  const offset = m[8].toUpperCase() === 'Z' ? 0 : (m[8][0] === '-' ? -1 : 1) * (+m[8].slice(1, 3) * 60 + +m[8].slice(4, 6));
  return (BigInt(ms) - BigInt(offset * 60_000)) * 1_000_000n + BigInt((m[7] ?? '').padEnd(9, '0'));
}

export function evaluate(node: FilterNode, entry: FilterableEntry): boolean {
  switch (node.kind) {
    case 'all':
      return true;
    case 'and':
      return node.children.every((child) => evaluate(child, entry));
    case 'or':
      return node.children.some((child) => evaluate(child, entry));
    case 'not':
      return !evaluate(node.child, entry);
    case 'text':
      return textValues(entry).some((value) => containsIgnoringCase(value, node.text));
    case 'compare':
      return compare(node, entry);
  }
}

function compare(node: Extract<FilterNode, { kind: 'compare' }>, entry: FilterableEntry): boolean {
  const { field, op, value } = node;
  if (op === '!=') return !compare({ ...node, op: '=' }, entry);
  if (op === '!~') return !compare({ ...node, op: '=~' }, entry);

  if (field.kind === 'severity' && value.kind === 'severity') {
    return ordered(SEVERITY_LEVELS[entry.severity] - value.level, op);
  }
  if (field.kind === 'timestamp' || field.kind === 'receiveTimestamp') {
    if (value.kind === 'exists') return true;
    if (value.kind !== 'time') return false;
    const diff = entry[field.kind] - value.nanos;
    return ordered(diff === 0n ? 0 : diff < 0n ? -1 : 1, op);
  }
  const actual = fieldValue(field, entry);
  if (actual === undefined) return false;
  if (value.kind === 'exists') return true;
  if (value.kind === 'regex') return leaves(actual).some((leaf) => value.regex.test(leaf));
  if (value.kind !== 'string') return false;
  if (op === ':') return leaves(actual).some((leaf) => containsIgnoringCase(leaf, value.text));
  if (typeof actual === 'object' && actual !== null) return false; // a struct is never equal to a string
  if (typeof actual === 'number' && isNumeric(value.text)) return ordered(actual - Number(value.text), op);
  const text = String(actual);
  return ordered(text === value.text ? 0 : text < value.text ? -1 : 1, op);
}

function ordered(sign: number, op: Operator): boolean {
  switch (op) {
    case '=':
    case ':':
      return sign === 0;
    case '<':
      return sign < 0;
    case '<=':
      return sign <= 0;
    case '>':
      return sign > 0;
    case '>=':
      return sign >= 0;
    default:
      return false;
  }
}

function fieldValue(field: FieldRef, entry: FilterableEntry): unknown {
  switch (field.kind) {
    case 'resource.type':
      return entry.resource.type;
    case 'resource.labels':
      return own(entry.resource.labels, field.key);
    case 'labels':
      return own(entry.labels, field.key);
    case 'severity':
      return entry.severity;
    case 'logName':
      return entry.logName;
    case 'insertId':
      return entry.insertId;
    case 'textPayload':
      return entry.textPayload;
    case 'timestamp':
    case 'receiveTimestamp':
      return undefined;
    case 'jsonPayload': {
      let current: unknown = entry.jsonPayload;
      for (const segment of field.path) {
        if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
        current = own(current as Record<string, unknown>, segment);
      }
      return current === null ? undefined : current;
    }
  }
}

function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** The scalar values inside a value (a struct's or list's leaves), as text. */
function leaves(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap(leaves);
  if (typeof value === 'object') return Object.values(value as Record<string, unknown>).flatMap(leaves);
  return [String(value)];
}

function textValues(entry: FilterableEntry): string[] {
  return [
    entry.logName,
    entry.resource.type,
    ...Object.values(entry.resource.labels),
    ...Object.values(entry.labels),
    entry.severity,
    entry.insertId,
    ...(entry.textPayload === undefined ? [] : [entry.textPayload]),
    ...leaves(entry.jsonPayload),
  ];
}

function containsIgnoringCase(haystack: string, needle: string): boolean {
  return haystack.toLowerCase().includes(needle.toLowerCase());
}

function isNumeric(text: string): boolean {
  return text.trim() !== '' && Number.isFinite(Number(text));
}

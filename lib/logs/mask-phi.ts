// Likely PHI in log lines, masked before production lines leave Berth: emails, phone numbers,
// SSN- and MRN-shaped numbers, dates of birth next to a name or a label, patient ids in URL
// paths, bearer tokens, credentials and secrets in URLs, public client IP addresses — plus each
// app's own patterns from its app.yaml (`logMasking`). Near misses stay readable: timestamps,
// request and trace ids, pod names, version numbers, private addresses.
//
// One pass per string: every rule is one alternative of a single regular expression, so a line
// costs one scan however many rules there are. Pure (no I/O): the routes, the tests and the
// benchmark use it directly; the catalog schema imports the rule names.
import type { LogEntry } from './log-entry';

export const DEFAULT_MASK_RULES = [
  'url-credentials',
  'bearer-token',
  'secret-param',
  'date-of-birth',
  'patient-id',
  'mrn',
  'ssn',
  'email',
  'phone',
  'patient-path',
  'client-ip',
] as const;

export type DefaultMaskRule = (typeof DEFAULT_MASK_RULES)[number];

/** An app's masking in its app.yaml (`logMasking:`). */
export interface LogMaskingConfig {
  /** More URL path words followed by a patient's id (default: patients, members, people, persons, charts, mrns). */
  pathSegments?: string[];
  /** The app's own identifiers, each masked as `[name]`. */
  patterns?: { name: string; regex: string }[];
  /** Default rules this app's logs do without (e.g. client-ip behind a proxy that logs its own). */
  keep?: DefaultMaskRule[];
}

export interface Masker {
  /** The text with likely PHI replaced by `[label]`, and how many values were masked. */
  maskText(text: string): { text: string; masked: number };
  /** The entry with its text or JSON payload masked; `masked` says how many values (absent: none). */
  maskEntry(entry: LogEntry): LogEntry;
}

// ---- the default rules ---------------------------------------------------------------------------

const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}\\.?';
/** A calendar date as people write one; never followed by a time of day (that is a timestamp). */
const DATE =
  `(?:\\d{1,2}[/.-]\\d{1,2}[/.-](?:19|20)\\d{2}|(?:19|20)\\d{2}-\\d{2}-\\d{2}|\\d{1,2} ${MONTH} (?:19|20)\\d{2}|${MONTH} \\d{1,2},? (?:19|20)\\d{2})` +
  '(?![T ]?\\d{1,2}:\\d{2})(?![\\w/.-]*\\d)';
const NAME = "[A-Z][a-z]+(?:[ '-][A-Z][a-z]+){1,2}";
const NAME_AT_START = new RegExp(`^${NAME}`);
const DATE_AT_END = new RegExp(`${DATE}$`);
const DEFAULT_PATH_SEGMENTS = ['patients', 'patient', 'members', 'member', 'people', 'persons', 'person', 'charts', 'chart', 'mrns', 'mrn'];

export interface MaskRule {
  name: string;
  /** A regular expression source (flags `gu`). */
  source: string;
  /** The masked form of one match (the match itself: leave it). */
  replace: (match: string) => string;
  /** Text every match contains: a string without it skips the rule (most lines have no '@'). */
  needs?: string;
}

type Rule = MaskRule;

const keepPrefix = (prefix: RegExp, label: string) => (match: string) => {
  const kept = prefix.exec(match)?.[0] ?? '';
  return `${kept}[${label}]`;
};

const PRIVATE_V4 = [/^10\./, /^127\./, /^192\.168\./, /^172\.(1[6-9]|2\d|3[01])\./, /^169\.254\./, /^0\./];

function defaultRules(pathSegments: readonly string[]): Record<DefaultMaskRule, Rule> {
  // FHIR spells resource types with a capital (/fhir/Patient/123): both spellings of each word.
  const words = [...DEFAULT_PATH_SEGMENTS, ...pathSegments].flatMap((w) => [w, w.charAt(0).toUpperCase() + w.slice(1)]);
  const segments = [...new Set(words)].map(escapeRegExp).join('|');
  return {
    'url-credentials': {
      name: 'credentials',
      // Each rule starts only where a token can (a look-behind), so a long token is not rescanned from every character.
      source: "(?<![a-zA-Z0-9+.-])[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s/:@'\"]*:[^\\s/@'\"]+@",
      replace: (m) => m.replace(/\/\/.*@$/, '//[credentials]@'),
      needs: '@',
    },
    'bearer-token': {
      name: 'token',
      // "Bearer <token>" (a token has a digit or a symbol, so "Basic configuration" stays), or a JWT anywhere.
      source: '(?:\\b(?:[Bb]earer|BEARER|[Bb]asic|BASIC)\\s+(?=[A-Za-z0-9._~+/=-]{8,})[A-Za-z0-9._~+/-]*[0-9._~+/][A-Za-z0-9._~+/-]*=*|\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,})',
      replace: (m) => (m.startsWith('eyJ') ? '[token]' : m.replace(/\s+\S+$/, ' [token]')),
    },
    'secret-param': {
      name: 'secret',
      source: '\\b(?:access_token|id_token|refresh_token|token|api_key|apikey|api-key|key|password|passwd|pwd|secret|client_secret|sig|signature|PASSWORD|TOKEN|SECRET)=[^\\s&"\',;]+',
      replace: keepPrefix(/^[^=]+=/, 'secret'),
    },
    'date-of-birth': {
      name: 'date of birth',
      // Labelled ("DOB: 04/12/1961", "born 1961-04-12") or right after a name ("Jane Doe, 04/12/1961").
      source: `(?:\\b(?:DOB|[Dd]ob|D\\.O\\.B\\.?|[Dd]ate [Oo]f [Bb]irth|[Bb]irth[ _-]?[Dd]ate|[Bb]irthdate|[Bb]orn(?: on)?)\\b["']?\\s*[:=]?\\s*["']?${DATE}|\\b${NAME},?\\s+(?:\\(\\s*|(?:DOB|dob|born)\\s*:?\\s*)?${DATE})`,
      replace: (m) => {
        const label = /^(?:DOB|[Dd]ob|D\.O\.B\.?|[Dd]ate [Oo]f [Bb]irth|[Bb]irth[ _-]?[Dd]ate|[Bb]irthdate|[Bb]orn(?: on)?)\b["']?\s*[:=]?\s*["']?/.exec(m);
        if (label) return `${label[0]}[date of birth]`;
        return m.replace(NAME_AT_START, '[name]').replace(DATE_AT_END, '[date of birth]');
      },
    },
    'patient-id': {
      name: 'patient id',
      source: '\\b(?:[Pp]atient|PATIENT|[Mm]ember|MEMBER)[_ -]?(?:[Ii][Dd]|[Nn]umber|[Nn]o\\.?|NUMBER)\\b["\']?\\s*[:=#]?\\s*["\']?[\\w-]*\\d[\\w-]*',
      replace: keepPrefix(/^\D*?(?:[Ii][Dd]|[Nn]umber|[Nn]o\.?|NUMBER)\b["']?\s*[:=#]?\s*["']?/, 'patient id'),
    },
    mrn: {
      name: 'MRN',
      source: '\\b(?:MRN|[Mm]rn|[Mm]edical[ _-][Rr]ecord(?:[ _-](?:[Nn]umber|[Nn]o\\.?|[Ii][Dd]))?)(?:-|\\b["\']?\\s*[:=#]?\\s*["\']?)[A-Za-z]{0,3}\\d[\\w-]{3,19}',
      replace: (m) => {
        const label = /^(?:MRN|[Mm]rn|[Mm]edical[ _-][Rr]ecord(?:[ _-](?:[Nn]umber|[Nn]o\.?|[Ii][Dd]))?)(?:-|\b["']?\s*[:=#]?\s*["']?)/.exec(m)?.[0] ?? '';
        return `${label}[MRN]`;
      },
    },
    ssn: {
      name: 'SSN',
      source: '(?:(?<![\\w-])\\d{3}-\\d{2}-\\d{4}(?![\\w-])|\\b(?:SSN|[Ss]sn)\\b["\']?\\s*[:=#]?\\s*["\']?\\d{9}\\b)',
      replace: (m) => (/^\d/.test(m) ? '[SSN]' : m.replace(/\d{9}$/, '[SSN]')),
    },
    email: {
      name: 'email',
      source: '(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}\\b',
      replace: () => '[email]',
      needs: '@',
    },
    phone: {
      name: 'phone',
      // North American numbers with separators, and E.164 (+ and 8–15 digits).
      source: '(?:(?<![\\w.+-])(?:\\+?1[\\s.-]?)?(?:\\(\\d{3}\\)\\s?|\\d{3}[\\s.-])\\d{3}[\\s.-]\\d{4}(?![\\w.-])|(?<![\\w+])\\+[1-9]\\d{7,14}\\b)',
      replace: () => '[phone]',
    },
    'patient-path': {
      name: 'patient id',
      source: `/(?:${segments})(?:/(?:${segments}))*/(?=[^/\\s?#"']*\\d)[^/\\s?#"']+`,
      replace: (m) => `${m.slice(0, m.lastIndexOf('/') + 1)}[patient id]`,
    },
    'client-ip': {
      name: 'IP',
      // Public IPv4 only: pod, node and load-balancer addresses are private and help debugging.
      source: '(?<![\\w.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?![\\w.])',
      replace: (m) => (PRIVATE_V4.some((r) => r.test(m)) ? m : '[IP]'),
    },
  };
}

// ---- JSON payloads: a value under a telling key is masked whatever its shape ------------------

const SENSITIVE_KEYS: [RegExp, string][] = [
  [/^(?:e-?mail|email_?address|emailAddress)$/i, 'email'],
  [/^(?:phone|phone_?number|phoneNumber|mobile|cell|telephone)$/i, 'phone'],
  [/^(?:ssn|social_?security(?:_?number)?)$/i, 'SSN'],
  [/^(?:mrn|medical_?record(?:_?(?:number|no|id))?)$/i, 'MRN'],
  [/^(?:patient_?id|patientId|member_?id|memberId|patient_?number)$/i, 'patient id'],
  [/^(?:dob|date_?of_?birth|dateOfBirth|birth_?date|birthDate|birthdate)$/i, 'date of birth'],
  [/^(?:first_?name|firstName|last_?name|lastName|full_?name|fullName|patient_?name|patientName|given_?name|family_?name)$/i, 'name'],
  [/^(?:address|street|street_?address|home_?address|zip|zip_?code|postal_?code)$/i, 'address'],
  [/^(?:password|passwd|secret|client_?secret|token|access_?token|refresh_?token|id_?token|api_?key|apiKey|authorization|cookie|set-cookie)$/i, 'secret'],
];

function sensitiveKey(key: string): string | undefined {
  for (const [pattern, label] of SENSITIVE_KEYS) if (pattern.test(key)) return label;
  return undefined;
}

const MAX_DEPTH = 20;

// ---- building a masker ---------------------------------------------------------------------------

/** A custom pattern must compile, must not match nothing, and may not refer to groups (they are renumbered). */
export function checkMaskPattern(regex: string): string | null {
  if (/\\[1-9]|\\k<|\(\?<(?![=!])/.test(regex)) return 'may not use named groups or back-references';
  let compiled: RegExp;
  try {
    compiled = new RegExp(regex, 'u');
  } catch (error) {
    return `is not a valid regular expression (${error instanceof Error ? error.message : String(error)})`;
  }
  if (compiled.test('')) return 'matches an empty string';
  return null;
}

/** The rules an app's lines go through, the app's own patterns first. */
export function maskRules(config: LogMaskingConfig = {}): MaskRule[] {
  const keep = new Set(config.keep ?? []);
  const defaults = defaultRules(config.pathSegments ?? []);
  const rules: Rule[] = DEFAULT_MASK_RULES.filter((name) => !keep.has(name)).map((name) => defaults[name]);
  for (const pattern of config.patterns ?? []) {
    if (checkMaskPattern(pattern.regex) !== null) continue; // the catalog refuses these with a message
    const label = pattern.name;
    rules.unshift({ name: label, source: pattern.regex, replace: () => `[${label}]` });
  }
  return rules;
}

export function createMasker(config: LogMaskingConfig = {}): Masker {
  const rules = maskRules(config);
  const combine = (chosen: MaskRule[]) => ({
    pattern: new RegExp(chosen.map((rule, i) => `(?<r${i}>${rule.source})`).join('|'), 'gu'),
    rules: chosen,
    groups: chosen.map((_, i) => `r${i}`),
  });
  // Two variants of the one pass: with the rules that need an '@', and without them.
  const withAt = combine(rules);
  const withoutAt = combine(rules.filter((rule) => rule.needs !== '@'));

  const maskText = (text: string): { text: string; masked: number } => {
    if (text.length === 0) return { text, masked: 0 };
    const { pattern: combined, rules: active, groups: groupNames } = text.includes('@') ? withAt : withoutAt;
    combined.lastIndex = 0;
    let out = '';
    let from = 0;
    let masked = 0;
    for (let match = combined.exec(text); match !== null; match = combined.exec(text)) {
      if (match[0].length === 0) {
        combined.lastIndex += 1;
        continue;
      }
      const groups = match.groups ?? {};
      const index = groupNames.findIndex((name) => groups[name] !== undefined);
      const replacement = active[index].replace(match[0]);
      if (replacement === match[0]) continue;
      out += text.slice(from, match.index) + replacement;
      from = match.index + match[0].length;
      masked += 1;
    }
    return masked === 0 ? { text, masked } : { text: out + text.slice(from), masked };
  };

  const maskValue = (value: unknown, depth: number, counter: { masked: number }): unknown => {
    if (typeof value === 'string') {
      const result = maskText(value);
      counter.masked += result.masked;
      return result.text;
    }
    if (depth >= MAX_DEPTH || typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) return value.map((item) => maskValue(item, depth + 1, counter));
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      const label = child === null || child === '' ? undefined : sensitiveKey(key);
      if (label && (typeof child === 'string' || typeof child === 'number')) {
        out[key] = `[${label}]`;
        counter.masked += 1;
      } else {
        out[key] = maskValue(child, depth + 1, counter);
      }
    }
    return out;
  };

  return {
    maskText,
    maskEntry(entry: LogEntry): LogEntry {
      const counter = { masked: 0 };
      const masked: LogEntry = { ...entry };
      if (entry.text !== undefined) masked.text = maskValue(entry.text, 0, counter) as string;
      if (entry.json !== undefined) masked.json = maskValue(entry.json, 0, counter) as Record<string, unknown>;
      if (counter.masked > 0) masked.masked = counter.masked;
      return masked;
    },
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Reads what an engineer pastes from the Aptible CLI, in the formats aptible-cli has printed over
// its releases (text, and JSON with APTIBLE_OUTPUT_FORMAT=json):
//   aptible config --app X          KEY=value lines, values escaped with Ruby's Shellwords.escape
//                                   (a newline in a value becomes '<newline>'); JSON: [{key, value, shell_export}]
//   aptible services --app X        blocks of "Service: / Command: / Container Count: / Container Size: …"
//                                   (older releases print only those four lines); JSON: [{service, command, container_count, …}]
//   aptible endpoints:list --app X  blocks of "Hostname: / Type: / Internal: / Service: …"; JSON: [{hostname, type, …}]
// Names and shapes only: a config value is read past and dropped, never returned, kept or quoted in
// an error. A paste that cannot be read names its line and why. Isomorphic.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { CONFIG_KEY_PATTERN } from './migration-file';

export interface PasteProblem {
  line: number;
  message: string;
}

export type PasteResult<T> = { ok: true; data: T; format: 'text' | 'json' } | { ok: false; problem: PasteProblem };

export interface AptibleService {
  /** The process type (Procfile name); "cmd" for an image's own CMD. */
  name: string;
  /** As the CLI shows it; "CMD" means the image's own command. */
  command: string;
  containerCount: number;
  containerSizeMb: number;
  /** m (general purpose), c (CPU) or r (memory optimized), when the release prints it. */
  containerProfile?: string;
}

export interface AptibleEndpoint {
  /** The endpoint's hostname (elb-….aptible.in). */
  hostname: string;
  type: 'https' | 'tls' | 'tcp';
  internal: boolean;
  /** The service it routes to, when the release prints it. */
  service?: string;
  /** Container port(s): "default", "3000", "all", "5432 5433". */
  ports?: string;
  /** The custom domain of a Managed TLS endpoint, or the default *.on-aptible.com domain. */
  managedTlsDomain?: string;
  defaultDomain?: string;
}

const MAX_PASTE_BYTES = 512 * 1024;

function fail(line: number, message: string): { ok: false; problem: PasteProblem } {
  return { ok: false, problem: { line, message } };
}

/** A shell prompt with the command, or a bare prompt: pasted along with the output. */
const PROMPT_WITH_COMMAND = /^\s*(?:.*?[$%#>]\s*)?(?:\w+=\S*\s+)*aptible\s+[a-z]/;
const BARE_PROMPT = /^\s*[^\s=]*[$%#>]\s*$/;

interface Lines {
  lines: string[];
  /** Index of the first line that is output (prompts skipped). */
  first: number;
}

function splitPaste(text: string): Lines | { ok: false; problem: PasteProblem } {
  if (Buffer.byteLength(text, 'utf8') > MAX_PASTE_BYTES) return fail(1, `the paste is larger than ${MAX_PASTE_BYTES / 1024} KiB`);
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  let first = 0;
  while (first < lines.length && (lines[first].trim() === '' || PROMPT_WITH_COMMAND.test(lines[first]) || BARE_PROMPT.test(lines[first]))) first++;
  return { lines, first };
}

function isSkippable(line: string): boolean {
  return line.trim() === '' || PROMPT_WITH_COMMAND.test(line) || BARE_PROMPT.test(line);
}

function looksLikeJson(lines: Lines): boolean {
  const start = lines.lines[lines.first]?.trimStart() ?? '';
  return start.startsWith('[') || start.startsWith('{');
}

/** The JSON part of the paste as YAML nodes with positions (YAML reads JSON and keeps line numbers). */
function parseJsonPaste(lines: Lines): { ok: true; items: Node[]; lineOf: (node: Node | null | undefined) => number } | { ok: false; problem: PasteProblem } {
  let last = lines.lines.length - 1;
  while (last > lines.first && isSkippable(lines.lines[last])) last--;
  const offset = lines.first;
  const body = lines.lines.slice(lines.first, last + 1).join('\n');
  const lineCounter = new LineCounter();
  const doc = parseDocument(body, { lineCounter, uniqueKeys: false, prettyErrors: false, version: '1.2' });
  const lineAt = (pos: number) => lineCounter.linePos(pos).line + offset;
  if (doc.errors.length > 0) return fail(lineAt(doc.errors[0].pos[0]), `the JSON does not parse (${doc.errors[0].code.toLowerCase().replace(/_/g, ' ')})`);
  const root = doc.contents;
  if (!isSeq(root)) return fail(lineAt(root?.range?.[0] ?? 0), 'expected a JSON list ([ … ]), as the Aptible CLI prints with APTIBLE_OUTPUT_FORMAT=json');
  return { ok: true, items: root.items as Node[], lineOf: (node) => lineAt(node?.range?.[0] ?? 0) };
}

function field(node: Node, key: string): Node | undefined {
  if (!isMap(node)) return undefined;
  const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
  return (pair?.value as Node | undefined) ?? undefined;
}

function scalar(node: Node | undefined): string | number | boolean | null | undefined {
  if (!node || !isScalar(node)) return undefined;
  const value = node.value;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null ? value : undefined;
}

// ---------------------------------------------------------------------------------------------
// aptible config

/** The config keys of a paste of `aptible config --app X`; the values are skipped, never kept. */
export function parseAptibleConfig(text: string): PasteResult<{ keys: string[] }> {
  const split = splitPaste(text);
  if ('ok' in split) return split;
  if (looksLikeJson(split)) {
    const json = parseJsonPaste(split);
    if (!json.ok) return json;
    const keys: string[] = [];
    const seen = new Map<string, number>();
    for (const item of json.items) {
      const line = json.lineOf(item);
      const key = scalar(field(item, 'key'));
      if (typeof key !== 'string') return fail(line, 'an entry has no "key" (expected {"key": …, "value": …, "shell_export": …})');
      if (!CONFIG_KEY_PATTERN.test(key)) return fail(line, `"${key.slice(0, 80)}" is not an environment variable name`);
      if (seen.has(key)) return fail(line, `${key} appears twice (first on line ${seen.get(key)})`);
      seen.set(key, line);
      keys.push(key);
    }
    return { ok: true, format: 'json', data: { keys: keys.sort() } };
  }

  const { lines } = split;
  const keys: string[] = [];
  const seen = new Map<string, number>();
  let i = split.first;
  while (i < lines.length) {
    const line = lines[i];
    if (isSkippable(line)) {
      i++;
      continue;
    }
    const lineNo = i + 1;
    const trimmed = line.trimStart();
    const match = /^([^=\s]+)=/.exec(trimmed);
    if (!match) {
      if (/^(Service|Hostname|Id|Command|Container \w+):/.test(trimmed)) return fail(lineNo, 'this looks like the output of aptible services or aptible endpoints:list, not aptible config');
      return fail(lineNo, 'expected KEY=value (a variable name, then =, then its value)');
    }
    const key = match[1];
    // The text before '=' is not quoted back: on a line that is not KEY=value it may be part of a value.
    if (!CONFIG_KEY_PATTERN.test(key)) return fail(lineNo, 'the text before "=" is not an environment variable name (letters, digits and _, not starting with a digit); Berth does not repeat it, as it may be part of a value');
    if (seen.has(key)) return fail(lineNo, `${key} appears twice (first on line ${seen.get(key)}): was the output pasted twice?`);
    seen.set(key, lineNo);
    keys.push(key);
    // Skip the value as a shell word: backslash escapes, '…' and "…" quotes, which may run over
    // several lines (Shellwords.escape writes a newline as '<newline>').
    let quote: "'" | '"' | undefined;
    let rest = trimmed.slice(match[0].length);
    for (;;) {
      for (let k = 0; k < rest.length; k++) {
        const c = rest[k];
        if (quote === "'") {
          if (c === "'") quote = undefined;
        } else if (quote === '"') {
          if (c === '\\') k++;
          else if (c === '"') quote = undefined;
        } else if (c === '\\') k++;
        else if (c === "'" || c === '"') quote = c;
      }
      const continues = quote !== undefined || (rest.endsWith('\\') && !rest.endsWith('\\\\'));
      if (!continues) break;
      i++;
      if (i >= lines.length) return fail(lineNo, `the value of ${key} opens a quote that never closes (was the paste cut short?)`);
      rest = lines[i];
    }
    i++;
  }
  if (keys.length === 0) return fail(1, 'no KEY=value line found: paste the output of aptible config --app YOUR_APP');
  return { ok: true, format: 'text', data: { keys: keys.sort() } };
}

// ---------------------------------------------------------------------------------------------
// aptible services / aptible endpoints:list (text): blocks of "Key: value" lines

interface Block {
  line: number;
  fields: Map<string, { value: string; line: number }>;
}

const FIELD = /^([A-Z][A-Za-z0-9]*(?: [A-Za-z0-9]+)*):(?: (.*))?$/;

function readBlocks(split: Lines, continuable: ReadonlySet<string>): { ok: true; blocks: Block[] } | { ok: false; problem: PasteProblem } {
  const blocks: Block[] = [];
  let current: Block | undefined;
  let lastKey: string | undefined;
  for (let i = split.first; i < split.lines.length; i++) {
    const raw = split.lines[i];
    const line = raw.trim();
    if (line === '' || PROMPT_WITH_COMMAND.test(raw) || BARE_PROMPT.test(raw)) {
      current = undefined;
      lastKey = undefined;
      continue;
    }
    const match = FIELD.exec(line);
    if (!match) {
      // A command that runs over several lines continues its value.
      if (current && lastKey && continuable.has(lastKey)) {
        const f = current.fields.get(lastKey)!;
        f.value = `${f.value}\n${line}`;
        continue;
      }
      return fail(i + 1, 'expected "Name: value" (a field of the CLI\'s output)');
    }
    if (!current) {
      current = { line: i + 1, fields: new Map() };
      blocks.push(current);
    }
    const key = match[1];
    if (current.fields.has(key)) return fail(i + 1, `${key} appears twice in one entry: is a blank line missing between two entries?`);
    current.fields.set(key, { value: (match[2] ?? '').trim(), line: i + 1 });
    lastKey = key;
  }
  return { ok: true, blocks };
}

function wholeNumber(text: string | number | boolean | null | undefined): number | undefined {
  if (typeof text === 'number') return Number.isInteger(text) && text >= 0 ? text : undefined;
  if (typeof text !== 'string' || !/^\d{1,7}$/.test(text.trim())) return undefined;
  return Number(text.trim());
}

/** The services of a paste of `aptible services --app X`. */
export function parseAptibleServices(text: string): PasteResult<AptibleService[]> {
  const split = splitPaste(text);
  if ('ok' in split) return split;
  const services: AptibleService[] = [];
  const add = (service: AptibleService, line: number) => {
    if (services.some((s) => s.name === service.name)) return fail(line, `service ${service.name} appears twice`);
    services.push(service);
    return undefined;
  };

  if (looksLikeJson(split)) {
    const json = parseJsonPaste(split);
    if (!json.ok) return json;
    for (const item of json.items) {
      const line = json.lineOf(item);
      const name = scalar(field(item, 'service'));
      const count = wholeNumber(scalar(field(item, 'container_count')));
      const size = wholeNumber(scalar(field(item, 'container_size')));
      const command = scalar(field(item, 'command'));
      const profile = scalar(field(item, 'container_profile'));
      if (typeof name !== 'string' || name === '') return fail(line, 'a service has no "service" name');
      if (count === undefined) return fail(line, `service ${name}: "container_count" is not a whole number`);
      if (size === undefined) return fail(line, `service ${name}: "container_size" is not a whole number of MB`);
      const problem = add({ name, command: typeof command === 'string' && command !== '' ? command : 'CMD', containerCount: count, containerSizeMb: size, ...(typeof profile === 'string' && profile ? { containerProfile: profile } : {}) }, line);
      if (problem) return problem;
    }
    return { ok: true, format: 'json', data: services };
  }

  const read = readBlocks(split, new Set(['Command']));
  if (!read.ok) return read;
  if (read.blocks.length === 0) return fail(1, 'no service found: paste the output of aptible services --app YOUR_APP');
  for (const block of read.blocks) {
    const get = (key: string) => block.fields.get(key);
    const name = get('Service');
    if (!name?.value) return fail(block.line, 'this entry has no "Service:" line (is it aptible services output?)');
    const count = get('Container Count');
    const size = get('Container Size');
    if (!count) return fail(block.line, `service ${name.value}: no "Container Count:" line`);
    if (wholeNumber(count.value) === undefined) return fail(count.line, `service ${name.value}: Container Count is not a whole number`);
    if (!size) return fail(block.line, `service ${name.value}: no "Container Size:" line`);
    if (wholeNumber(size.value) === undefined) return fail(size.line, `service ${name.value}: Container Size is not a whole number of MB`);
    const profile = get('Container Profile')?.value;
    const problem = add(
      { name: name.value, command: get('Command')?.value || 'CMD', containerCount: wholeNumber(count.value)!, containerSizeMb: wholeNumber(size.value)!, ...(profile ? { containerProfile: profile } : {}) },
      name.line,
    );
    if (problem) return problem;
  }
  return { ok: true, format: 'text', data: services };
}

function endpointType(text: string): AptibleEndpoint['type'] | undefined {
  const t = text.trim().toLowerCase();
  if (t === 'https' || t === 'http' || t === 'http_proxy_protocol') return 'https';
  return t === 'tls' || t === 'tcp' ? t : undefined;
}

function bool(text: string | number | boolean | null | undefined): boolean | undefined {
  if (typeof text === 'boolean') return text;
  if (text === 'true') return true;
  if (text === 'false') return false;
  return undefined;
}

const HOSTNAME = /^[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?)*$/;

/** The endpoints of a paste of `aptible endpoints:list --app X`. */
export function parseAptibleEndpoints(text: string): PasteResult<AptibleEndpoint[]> {
  const split = splitPaste(text);
  if ('ok' in split) return split;
  const endpoints: AptibleEndpoint[] = [];
  const build = (line: number, get: (key: string) => string | number | boolean | null | undefined): AptibleEndpoint | { ok: false; problem: PasteProblem } => {
    const hostname = get('hostname');
    if (typeof hostname !== 'string' || !HOSTNAME.test(hostname)) return fail(line, 'this endpoint has no valid hostname');
    const type = typeof get('type') === 'string' ? endpointType(get('type') as string) : undefined;
    if (!type) return fail(line, `endpoint ${hostname}: its type is not https, tls or tcp`);
    const endpoint: AptibleEndpoint = { hostname, type, internal: bool(get('internal')) ?? false };
    const service = get('service');
    if (typeof service === 'string' && service) endpoint.service = service;
    const ports = get('ports') ?? get('port');
    if (ports !== undefined && ports !== null && ports !== '') endpoint.ports = String(ports);
    const managed = get('managed_tls_domain');
    if (typeof managed === 'string' && HOSTNAME.test(managed)) endpoint.managedTlsDomain = managed;
    const defaultDomain = get('default_domain');
    if (typeof defaultDomain === 'string' && HOSTNAME.test(defaultDomain)) endpoint.defaultDomain = defaultDomain;
    if (endpoints.some((e) => e.hostname === hostname)) return fail(line, `endpoint ${hostname} appears twice`);
    return endpoint;
  };

  if (looksLikeJson(split)) {
    const json = parseJsonPaste(split);
    if (!json.ok) return json;
    for (const item of json.items) {
      const serviceNode = field(item, 'service');
      const built = build(json.lineOf(item), (key) => (key === 'service' ? (isMap(serviceNode) ? scalar(field(serviceNode, 'service')) : scalar(serviceNode)) : scalar(field(item, key))));
      if ('ok' in built) return built;
      endpoints.push(built);
    }
    return { ok: true, format: 'json', data: endpoints };
  }

  const read = readBlocks(split, new Set());
  if (!read.ok) return read;
  if (read.blocks.length === 0) return fail(1, 'no endpoint found: paste the output of aptible endpoints:list --app YOUR_APP');
  const TEXT_KEYS: Record<string, string> = { hostname: 'Hostname', type: 'Type', internal: 'Internal', service: 'Service', port: 'Port', ports: 'Ports', managed_tls_domain: 'Managed TLS Domain', default_domain: 'Default Domain' };
  for (const block of read.blocks) {
    if (!block.fields.has('Hostname')) return fail(block.line, 'this entry has no "Hostname:" line (is it aptible endpoints:list output?)');
    const built = build(block.fields.get('Hostname')!.line, (key) => block.fields.get(TEXT_KEYS[key])?.value);
    if ('ok' in built) return built;
    endpoints.push(built);
  }
  return { ok: true, format: 'text', data: endpoints };
}

// Content validation: runs inside `npm test` so a broken guide, link, concept or command entry
// fails CI before it reaches the portal.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compile } from '@mdx-js/mdx';
import type { Heading } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toString as mdastToString } from 'mdast-util-to-string';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';

import { extractCodeBlocks, valuesSnippetHeader } from '@/lib/guides/code-blocks';
import { createHeadingSlugger } from '@/lib/guides/heading-id';
import { listCommands } from '@/lib/guides/load-commands';
import { listConcepts } from '@/lib/guides/load-concepts';
import { getGuide, listGuides, type Guide } from '@/lib/guides/load-guides';
import { getSessionsByTime, listSessions } from '@/lib/guides/load-sessions';
import type { CommandEntry, Concept, Session } from '@/lib/guides/schemas';
import { PLACEHOLDERS, templatePlaceholders } from '@/lib/guides/translate-command';
import { validateValues, type ValuesLayer } from '@/lib/values';
import { mergeValueFiles } from '@/lib/values/merge';

const REQUIRED_GUIDES = [
  'welcome',
  'apps-and-services',
  'config-vars',
  'scaling',
  'endpoints',
  'logs',
  'health-checks',
  'ssh-and-debugging-access',
  'databases',
  'permissions-and-audit',
  'debugging-a-broken-deploy',
  'cutover',
];

/** Every row of the Concepts table in the reference (shared/reference/aptible-gcp.md). */
const REQUIRED_CONCEPTS = [
  'stack',
  'environment',
  'app',
  'service',
  'container-release',
  'endpoint',
  'config-vars',
  'database-backups',
  'log-drain',
  'metric-drain',
  'activity-operations',
  'horizontal-scaling',
  'vertical-scaling',
  'ssh',
  'health-checks',
  'zero-downtime-deploys',
  'certificates',
  'roles-permissions',
  'audit-logs',
  'hipaa-baa',
  'dockerfile-procfile-aptible-yml',
];

/**
 * Every command of the current aptible CLI: `desc` lines of lib/aptible/cli/subcommands/*.rb and
 * agent.rb in github.com/aptible/aptible-cli, and Aptible's CLI reference (checked 2026-12-04).
 */
const REQUIRED_COMMANDS = [
  'ai:tokens:create', 'ai:tokens:list', 'ai:tokens:revoke', 'ai:tokens:show',
  'apps', 'apps:create', 'apps:deprovision', 'apps:rename', 'apps:scale', 'apps:settings',
  'aws_accounts',
  'backup:list', 'backup:orphaned', 'backup:purge', 'backup:restore', 'backup_retention_policy', 'backup_retention_policy:set',
  'config', 'config:add', 'config:get', 'config:rm', 'config:set', 'config:unset',
  'db:backup', 'db:clone', 'db:create', 'db:deprovision', 'db:dump', 'db:execute', 'db:list', 'db:modify', 'db:reload', 'db:rename',
  'db:replicate', 'db:restart', 'db:tunnel', 'db:url', 'db:versions',
  'deploy',
  'endpoints:database:create', 'endpoints:database:modify', 'endpoints:deprovision', 'endpoints:grpc:create', 'endpoints:grpc:modify',
  'endpoints:https:create', 'endpoints:https:modify', 'endpoints:list', 'endpoints:renew', 'endpoints:tcp:create', 'endpoints:tcp:modify',
  'endpoints:tls:create', 'endpoints:tls:modify',
  'environment:ca_cert', 'environment:list', 'environment:rename',
  'help',
  'log_drain:create:datadog', 'log_drain:create:elasticsearch', 'log_drain:create:https', 'log_drain:create:logdna',
  'log_drain:create:papertrail', 'log_drain:create:sumologic', 'log_drain:create:syslog', 'log_drain:deprovision', 'log_drain:list',
  'login', 'logs', 'logs_from_archive',
  'maintenance:apps', 'maintenance:dbs',
  'metric_drain:create:datadog', 'metric_drain:create:influxdb', 'metric_drain:create:influxdb:custom', 'metric_drain:deprovision', 'metric_drain:list',
  'operation:cancel', 'operation:follow', 'operation:logs',
  'organizations',
  'rebuild', 'restart',
  'services', 'services:autoscaling_policy', 'services:autoscaling_policy:set', 'services:settings', 'services:sizing_policy', 'services:sizing_policy:set',
  'ssh', 'version',
];

/** Commands the CLI no longer has: each says when it went and what replaced it. */
const REMOVED_COMMANDS = ['ps', 'domains', 'tunnel'];

const OFFICIAL_DOC_HOSTS = [
  'www.aptible.com',
  'aptible.com',
  'cloud.google.com',
  'kubernetes.io',
  'helm.sh',
  'istio.io',
  'github.com',
  'www.envoyproxy.io',
];

/** The day every guide, concept and command entry was last checked against its sources. */
const CHECKED_ON = '2026-12-04';

const CONFIG_REPO = path.join(process.cwd(), 'sandbox', 'config-repo');
const ENVIRONMENTS = ['stage', 'production'] as const;

function configFile(file: string): string {
  return readFileSync(path.join(CONFIG_REPO, file), 'utf8');
}

function yaml11(text: string): unknown {
  return parse(text, { version: '1.1' });
}

/** Every leaf of a parsed YAML value with its dotted path; lists count as one leaf. */
function leaves(value: unknown, at: string[] = []): [string, unknown][] {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => leaves(child, [...at, key]));
  }
  return [[at.join('.'), value]];
}

function valueAt(value: unknown, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), value);
}

/** The chart's layers for one app and environment, with one file's text optionally replaced. */
function valuesLayers(app: string, environment: string, replace: { file: string; text: string } | null): ValuesLayer[] {
  const layers: ValuesLayer[] = [
    { file: 'chart/values.yaml', kind: 'chart', text: configFile('chart/values.yaml') },
    { file: `apps/${app}/values.yaml`, kind: 'app', text: configFile(`apps/${app}/values.yaml`) },
    { file: `apps/${app}/values-${environment}.yaml`, kind: 'environment', text: configFile(`apps/${app}/values-${environment}.yaml`) },
  ];
  return layers.map((layer) => (replace && layer.file === replace.file ? { ...layer, text: replace.text } : layer));
}

const PLATFORM_TEAM = ['Priya Raman', 'Marcus Chen'];

let guides: Guide[];
let concepts: Concept[];
let commands: CommandEntry[];
let sessions: Session[];

beforeAll(() => {
  guides = listGuides().map(({ slug }) => getGuide(slug)).filter((g): g is Guide => g !== null);
  concepts = listConcepts();
  commands = listCommands();
  sessions = listSessions();
});

/** The body with fenced code blocks blanked out (line count kept) and inline code removed. */
function proseOnly(markdown: string): string {
  let fence: string | null = null;
  return markdown
    .split('\n')
    .map((line) => {
      const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
      if (marker && (fence === null || (marker[0] === fence[0] && line.trim() === marker))) {
        fence = fence === null ? marker : null;
        return '';
      }
      return fence === null ? line.replace(/(`+)[\s\S]*?\1/g, '') : '';
    })
    .join('\n');
}

function codeBlocks(markdown: string): { info: string; code: string }[] {
  const blocks: { info: string; code: string }[] = [];
  const pattern = /^[ \t]*(`{3,}|~{3,})([^\n]*)\n([\s\S]*?)^[ \t]*\1[ \t]*$/gm;
  for (const match of markdown.matchAll(pattern)) blocks.push({ info: match[2].trim(), code: match[3] });
  return blocks;
}

function markdownLinks(markdown: string): string[] {
  return [...proseOnly(markdown).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]);
}

function wordCount(markdown: string): number {
  return markdown.split(/\s+/).filter((w) => /[A-Za-z0-9]/.test(w)).length;
}

/** The guide's text before its closing `## Sources` section. */
function beforeSources(markdown: string): string {
  const at = markdown.search(/^## Sources\s*$/m);
  return at === -1 ? markdown : markdown.slice(0, at);
}

function sourcesSection(markdown: string): string {
  const at = markdown.search(/^## Sources\s*$/m);
  return at === -1 ? '' : markdown.slice(at);
}

/** Resolves an internal link, or says why it does not resolve. */
function checkInternalLink(href: string, fromGuide: Guide): string | null {
  const [pathPart, anchor] = href.split('#') as [string, string | undefined];
  if (pathPart === '') {
    return anchor && fromGuide.headings.some((h) => h.id === anchor) ? null : `no heading #${anchor} in this guide`;
  }
  const guideMatch = /^\/guides\/([a-z0-9-]+)$/.exec(pathPart);
  if (guideMatch) {
    const target = guides.find((g) => g.slug === guideMatch[1]);
    if (!target) return `no guide "${guideMatch[1]}"`;
    if (anchor && !target.headings.some((h) => h.id === anchor)) {
      return `no heading #${anchor} in /guides/${target.slug} (has: ${target.headings.map((h) => h.id).join(', ')})`;
    }
    return null;
  }
  if (pathPart === '/concepts') return !anchor || concepts.some((c) => c.id === anchor) ? null : `no concept #${anchor}`;
  if (pathPart === '/commands') return !anchor || commands.some((c) => c.id === anchor) ? null : `no command #${anchor}`;
  const sessionMatch = /^\/sessions\/([a-z0-9-]+)$/.exec(pathPart);
  if (sessionMatch) return sessions.some((s) => s.id === sessionMatch[1]) ? null : `no session "${sessionMatch[1]}"`;
  if (pathPart === '/guides' || pathPart === '/sessions') return null;
  return 'not a known internal route (/guides/x, /concepts, /commands, /sessions/x)';
}

describe('guides', () => {
  it('has every required guide, each with valid frontmatter', () => {
    expect(guides.map((g) => g.slug).sort()).toEqual([...REQUIRED_GUIDES].sort());
  });

  it('has unique reading orders', () => {
    const orders = guides.map((g) => g.frontmatter.order);
    expect(new Set(orders).size).toBe(orders.length);
  });

  it('chains prev/next in reading order', () => {
    expect(guides[0].prev).toBeNull();
    expect(guides.at(-1)?.next).toBeNull();
    for (let i = 1; i < guides.length; i += 1) {
      expect(guides[i].prev?.slug).toBe(guides[i - 1].slug);
      expect(guides[i - 1].next?.slug).toBe(guides[i].slug);
    }
  });

  describe.each(REQUIRED_GUIDES)('%s', (slug) => {
    const guide = () => guides.find((g) => g.slug === slug) as Guide;

    it('is substantial: 600–1500 words of body before its sources', () => {
      const words = wordCount(beforeSources(guide().body));
      expect(words, `${slug} has ${words} words`).toBeGreaterThanOrEqual(600);
      expect(words, `${slug} has ${words} words`).toBeLessThanOrEqual(1500);
    });

    it('uses ## and ### headings only (the title is the frontmatter)', () => {
      expect(guide().headings.length).toBeGreaterThanOrEqual(3);
      expect(guide().headings.every((h) => h.depth === 2 || h.depth === 3)).toBe(true);
      expect(/^#\s/m.test(proseOnly(guide().body))).toBe(false);
    });

    it('is plain Markdown: no JSX, HTML, imports or braces outside code', () => {
      const prose = proseOnly(guide().body);
      expect(prose).not.toMatch(/<[A-Za-z/!]/);
      expect(prose).not.toMatch(/[{}]/);
      expect(prose).not.toMatch(/^(import|export)\s/m);
    });

    it('compiles as MDX too (for renderers that use MDX)', async () => {
      await expect(compile(guide().body)).resolves.toBeDefined();
    });

    it('gives every fenced code block a language', () => {
      for (const block of codeBlocks(guide().body)) expect(block.info, `a code block in ${slug}`).toMatch(/^[a-z]+$/);
    });

    it('writes callouts only as Note, Warning or PHI blockquotes', () => {
      const callouts = [...guide().body.matchAll(/^> \*\*([^*]+):\*\*/gm)].map((m) => m[1]);
      for (const kind of callouts) expect(['Note', 'Warning', 'PHI']).toContain(kind);
      const blockquoteStarts = [...proseOnly(guide().body).matchAll(/(^|\n\n)> (.*)/g)].map((m) => m[2]);
      for (const start of blockquoteStarts) expect(start, `blockquote in ${slug}`).toMatch(/^\*\*(Note|Warning|PHI):\*\*/);
    });

    it('gives headings the same ids a Markdown parser would', () => {
      const tree = fromMarkdown(guide().body);
      const slugger = createHeadingSlugger();
      const expected = tree.children
        .filter((node): node is Heading => node.type === 'heading')
        .map((node) => {
          const text = mdastToString(node);
          return { depth: node.depth, text, id: slugger.slug(text) };
        })
        .filter((h) => h.depth >= 2);
      expect(guide().headings).toEqual(expected);
    });

    it('has only resolving internal links and https external ones', () => {
      for (const href of markdownLinks(guide().body)) {
        if (/^https:\/\//.test(href)) continue;
        expect(href, `${slug}: ${href}`).toMatch(/^[/#]/);
        expect(checkInternalLink(href, guide()), `${slug}: ${href}`).toBeNull();
      }
    });

    it('links at least one official documentation page', () => {
      const official = markdownLinks(guide().body).filter((href) => {
        if (!href.startsWith('https://')) return false;
        return OFFICIAL_DOC_HOSTS.includes(new URL(href).hostname);
      });
      expect(official.length).toBeGreaterThan(0);
    });

    it('ends with the official sources it rests on and the day they were checked', () => {
      const { body, frontmatter } = guide();
      expect(guide().headings.at(-1)?.text, `${slug}: the last heading`).toBe('Sources');
      const sources = sourcesSection(body);
      const links = [...sources.matchAll(/\]\((https:\/\/[^)\s]+)\)/g)].map((m) => m[1]);
      expect(links.length, `${slug}: links under Sources`).toBeGreaterThanOrEqual(4);
      for (const link of links) expect(OFFICIAL_DOC_HOSTS, `${slug}: ${link}`).toContain(new URL(link).hostname);
      const lastLine = body.trimEnd().split('\n').at(-1);
      expect(lastLine, `${slug}: the closing line`).toBe(`Checked on ${CHECKED_ON}.`);
      expect(frontmatter.updated).toBe(CHECKED_ON);
    });

    it('labels every YAML block, and every values snippet is true to the config repository and passes the chart schema', () => {
      for (const block of extractCodeBlocks(guide().body).filter((b) => b.lang === 'yaml')) {
        const where = `${slug}, YAML block at line ${block.line}`;
        const parsed = yaml11(block.code);
        const header = valuesSnippetHeader(block.code);
        if (!header) {
          // Anything else must be a Kubernetes object, said so by its own fields.
          const object = parsed as { apiVersion?: unknown; kind?: unknown };
          expect(typeof object?.apiVersion === 'string' && typeof object.kind === 'string', `${where}: start it with # apps/<app>/values….yaml, # a change to apps/…, # chart/values.yaml, or make it a manifest`).toBe(true);
          continue;
        }
        if (header.kind === 'excerpt') {
          const real = yaml11(configFile(header.file));
          for (const [key, value] of leaves(parsed)) expect(valueAt(real, key), `${where}: ${key} in ${header.file}`).toEqual(value);
          continue;
        }
        const changed = stringify(mergeValueFiles(yaml11(configFile(header.file)), parsed), { version: '1.1' });
        for (const environment of header.environment ? [header.environment] : ENVIRONMENTS) {
          const result = validateValues({
            schema: JSON.parse(configFile('chart/values.schema.json')) as object,
            environment,
            layers: valuesLayers(header.app, environment, { file: header.file, text: changed }),
          });
          const errors = result.problems.filter((p) => p.severity === 'error').map((p) => `${p.path}: ${p.message}`);
          expect(errors, `${where} in ${environment}`).toEqual([]);
        }
      }
    });

    it('names an existing session, if any', () => {
      const { session } = guide().frontmatter;
      if (session) expect(sessions.map((s) => s.id)).toContain(session);
    });
  });

  it('warns about PHI where debug output lands in Cloud Logging', () => {
    const ssh = guides.find((g) => g.slug === 'ssh-and-debugging-access') as Guide;
    const phi = ssh.body.match(/^> \*\*PHI:\*\*.*$/m)?.[0] ?? '';
    expect(phi).toMatch(/Cloud Logging/);
  });
});

describe('facts that are commonly gotten wrong', () => {
  const allText = () => [
    ...guides.map((g) => ({ where: `guide ${g.slug}`, text: g.body })),
    ...commands.map((c) => ({ where: `command ${c.id}`, text: JSON.stringify(c) })),
    ...concepts.map((c) => ({ where: `concept ${c.id}`, text: JSON.stringify(c) })),
  ];

  it('uses --kube-context with helm and --context with kubectl', () => {
    const lines = [
      ...guides.flatMap((g) => codeBlocks(g.body).flatMap((b) => b.code.split('\n').map((line) => ({ where: g.slug, line })))),
      ...commands.flatMap((c) => c.equivalents.map((e) => ({ where: c.id, line: e.command }))),
    ];
    for (const { where, line } of lines) {
      if (/\bhelm\s/.test(line)) expect(line, where).not.toMatch(/(^|\s)--context\b/);
      if (/\bkubectl\s/.test(line)) expect(line, where).not.toMatch(/--kube-context/);
    }
  });

  it('never presents aptible scale or aptible ps as current commands', () => {
    expect(commands.find((c) => c.command === 'ps')?.removed).toBeDefined();
    for (const { where, text } of allText().filter(({ where }) => where !== 'command ps')) {
      for (const match of text.matchAll(/aptible (scale|ps)\b[^\n]*/g)) {
        const around = text.slice(Math.max(0, (match.index ?? 0) - 200), (match.index ?? 0) + 200);
        expect(around, where).toMatch(/removed|no top-level|There is no|is not a command|apps:scale|gone|had it not been/i);
      }
    }
  });

  it('calls before_release a deprecated alias of before_deploy', () => {
    for (const { where, text } of allText()) {
      for (const match of text.matchAll(/before_release/g)) {
        const around = text.slice(Math.max(0, (match.index ?? 0) - 200), (match.index ?? 0) + 200);
        expect(around, where).toMatch(/deprecated/i);
      }
    }
  });

  it('says IAP needs a Google Cloud load balancer, not a VirtualService', () => {
    const endpoints = guides.find((g) => g.slug === 'endpoints') as Guide;
    expect(endpoints.body).toMatch(/VirtualService alone cannot turn IAP on/);
    expect(endpoints.body).toMatch(/BackendConfig/);
  });

  it('marks nothing unverified: every statement rests on a source', () => {
    for (const { where, text } of allText()) expect(text, where).not.toMatch(/unverified/i);
  });

  it('tells the first-day setup to install gke-gcloud-auth-plugin', () => {
    const welcome = guides.find((g) => g.slug === 'welcome') as Guide;
    expect(welcome.body).toMatch(/gcloud components install gke-gcloud-auth-plugin/);
    expect(welcome.body).toMatch(/google-cloud-cli-gke-gcloud-auth-plugin/);
  });

  it('never shows an IP allowlist as an ALLOW policy on the shared gateway', () => {
    for (const guide of guides) {
      for (const block of extractCodeBlocks(guide.body).filter((b) => b.lang === 'yaml')) {
        const object = yaml11(block.code) as { kind?: string; spec?: { action?: string; rules?: unknown[] } };
        if (object?.kind !== 'AuthorizationPolicy') continue;
        expect(object.spec?.action, guide.slug).toBe('DENY');
        expect(JSON.stringify(object.spec?.rules), guide.slug).toMatch(/notRemoteIpBlocks/);
        // Scoped to the app's hostname, with and without a port (hosts match exactly).
        expect(JSON.stringify(object.spec?.rules), guide.slug).toMatch(/"hosts":\["([^"]+)","\1:\*"\]/);
      }
    }
  });

  it('says what a disruption budget really allows, and that GKE drains after an hour', () => {
    const health = guides.find((g) => g.slug === 'health-checks') as Guide;
    expect(health.body).toMatch(/maxUnavailable: 1` \(the default\) always allows one eviction/);
    expect(health.body).toMatch(/up to one hour/);
    for (const { where, text } of allText()) expect(text, where).not.toMatch(/single-replica deployment allows no voluntary disruption|blocks node upgrades entirely/i);
  });

  it('says what restarts pods: the config-revision annotation, not a checksum', () => {
    for (const { where, text } of allText()) expect(text, where).not.toMatch(/checksum\/config/);
    // The chart's own help texts (shown in the values editor) say the same.
    for (const file of ['values.yaml', 'values.schema.json']) {
      const text = readFileSync(path.join(process.cwd(), 'sandbox', 'config-repo', 'chart', file), 'utf8');
      expect(text, file).not.toMatch(/checksum/);
      expect(text, file).toMatch(/berth\.dev\/config-revision/);
    }
    const config = guides.find((g) => g.slug === 'config-vars') as Guide;
    expect(config.body).toMatch(/berth\.dev\/config-revision/);
  });

  it('says the migration Job runs on upgrades, not on the first install', () => {
    const apps = guides.find((g) => g.slug === 'apps-and-services') as Guide;
    expect(apps.body).toMatch(/does \*\*not\*\* run on an app's first deploy/);
  });

  it('gives both sides of how long backups live', () => {
    const databases = guides.find((g) => g.slug === 'databases') as Guide;
    expect(databases.body).toMatch(/30 daily backups by default/);
    expect(databases.body).toMatch(/last 7 automated backups/);
  });

  it('says Data Access audit logs are off by default', () => {
    const audit = guides.find((g) => g.slug === 'permissions-and-audit') as Guide;
    expect(audit.body).toMatch(/off by default/);
  });
});

describe('concept map', () => {
  it('covers every row of the reference table, once', () => {
    const ids = concepts.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of REQUIRED_CONCEPTS) expect(ids).toContain(id);
  });

  it.each(REQUIRED_CONCEPTS)('%s is complete and points at a guide', (id) => {
    const concept = concepts.find((c) => c.id === id) as Concept;
    expect(concept.aptible && concept.aptibleDescription && concept.gcp && concept.whereItLives).toBeTruthy();
    expect(guides.map((g) => g.slug)).toContain(concept.guide);
    for (const doc of concept.docs) expect(OFFICIAL_DOC_HOSTS).toContain(new URL(doc.url).hostname);
  });

  it('tells how to check which metrics a cluster collects instead of guessing', () => {
    expect(concepts.find((c) => c.id === 'metric-drain')?.note).toMatch(/gcloud container clusters describe/);
  });
});

describe('command translations', () => {
  it('cover every command of the current CLI, and the removed ones, and nothing else', () => {
    const names = commands.map((c) => c.command).sort();
    expect(names).toEqual([...REQUIRED_COMMANDS, ...REMOVED_COMMANDS].sort());
    expect(names).not.toContain('scale');
  });

  it('say when each removed command or flag went and what replaced it', () => {
    for (const name of REMOVED_COMMANDS) {
      const entry = commands.find((c) => c.command === name) as CommandEntry;
      expect(entry.removed?.since, name).toMatch(/\d{4}|aptible-cli \d/);
      expect(entry.removed?.replacement, name).toBeTruthy();
    }
    for (const name of REQUIRED_COMMANDS) expect(commands.find((c) => c.command === name)?.removed, name).toBeUndefined();
    const removedFlags = commands.flatMap((c) => c.flags.filter((f) => f.removed).map((f) => `${c.command} ${f.name}`));
    expect(removedFlags).toEqual(expect.arrayContaining(['apps:scale --size', 'db:restart --size', 'backup:restore --size', 'deploy --private-registry-email']));
  });

  it('name the aptible-cli file each entry was checked against, and who may run it', () => {
    for (const entry of commands) {
      expect(entry.source, entry.id).toMatch(/^lib\/aptible\/cli\/(agent|subcommands\/[a-z_]+)\.rb$/);
      expect(entry.access, entry.id).toBeTruthy();
      if (entry.aliasOf) expect(commands.map((c) => c.command), entry.id).toContain(entry.aliasOf);
    }
  });

  it('never assume a web deployment or a fixed app in a template', () => {
    for (const entry of commands) {
      for (const equivalent of entry.equivalents) expect(equivalent.command, entry.id).not.toMatch(/-web\b|patient-portal|provider-api/);
    }
  });

  it('mark aptible ps as removed in 0.17.1', () => {
    expect(commands.find((c) => c.command === 'ps')?.removed?.since).toContain('0.17.1');
  });

  it.each([...REQUIRED_COMMANDS, ...REMOVED_COMMANDS])('%s is complete', (name) => {
    const entry = commands.find((c) => c.command === name) as CommandEntry;
    expect(entry.aptible.startsWith(`aptible ${entry.command}`)).toBe(true);
    expect(entry.summary.length).toBeGreaterThan(10);
    expect(entry.equivalents.length).toBeGreaterThan(0);
    expect(guides.map((g) => g.slug)).toContain(entry.guide);
  });

  it('use only known placeholders, and every flag or argument placeholder is known', () => {
    const known = Object.keys(PLACEHOLDERS);
    for (const entry of commands) {
      const templates = [...entry.equivalents.map((e) => e.command), entry.berth?.path ?? ''];
      for (const name of templates.flatMap(templatePlaceholders)) expect(known, `${entry.id}: {${name}}`).toContain(name);
      for (const flag of entry.flags) if (flag.placeholder) expect(known, `${entry.id} ${flag.name}`).toContain(flag.placeholder);
      for (const arg of entry.args ?? []) if (arg.placeholder) expect(known, `${entry.id} ${arg.name}`).toContain(arg.placeholder);
      for (const name of Object.keys(entry.defaults ?? {})) expect(known, `${entry.id} default ${name}`).toContain(name);
    }
  });

  it('mention in the usage line every flag they describe', () => {
    for (const entry of commands) {
      for (const flag of entry.flags.filter((f) => !f.removed)) {
        const inUsage = entry.aptible.includes(flag.name) || flag.name === '--environment' || flag.name === '--app';
        expect(inUsage, `${entry.id} ${flag.name}`).toBe(true);
      }
    }
  });
});

describe('training sessions', () => {
  const now = new Date('2026-11-25T12:00:00Z');

  it('are six weekly Thursday sessions: three past, three upcoming on 2026-11-25', () => {
    expect(sessions).toHaveLength(6);
    for (const session of sessions) expect(new Date(session.date).getUTCDay(), session.id).toBe(4);
    const { past, upcoming } = getSessionsByTime(now);
    expect(past).toHaveLength(3);
    expect(upcoming).toHaveLength(3);
    for (const session of past) expect(session.recording, session.id).not.toBeNull();
    for (const session of upcoming) expect(session.recording, session.id).toBeNull();
  });

  it('are presented by the platform team and name existing guides', () => {
    const slugs = guides.map((g) => g.slug);
    for (const session of sessions) {
      expect(PLATFORM_TEAM).toContain(session.presenter);
      for (const slug of session.guides) expect(slugs, session.id).toContain(slug);
    }
  });

  it('cover every guide that names them', () => {
    for (const guide of guides) {
      const { session } = guide.frontmatter;
      if (session) expect(sessions.find((s) => s.id === session)?.guides, guide.slug).toContain(guide.slug);
    }
  });
});

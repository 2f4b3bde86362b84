import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';

import { buildSearchDocuments, buildSearchIndex, markdownToSearchText, serializeSearchIndex } from './build-search-index';
import { createHeadingSlugger, extractHeadings, headingPlainText, slugifyHeading } from './heading-id';
import { getCommand, listCommands, parseCommandsSource } from './load-commands';
import { getConcept, parseConceptsSource } from './load-concepts';
import { getGuide, listGuides, listGuideSlugs, parseGuideSource } from './load-guides';
import { getSession, getSessionsByTime, listSessions, listSessionsForGuide, parseSessionSource } from './load-sessions';
import { ContentError } from './schemas';
import { searchOptions, type SearchDocument } from './search-options';

function contentError(run: () => unknown): ContentError {
  try {
    run();
  } catch (error) {
    if (error instanceof ContentError) return error;
    throw error;
  }
  throw new Error('expected a ContentError');
}

const validFrontmatter = `---
title: A guide
summary: What it is about.
aptible: [App]
gcp: [Helm release]
level: beginner
updated: 2026-11-20
order: 3
---
`;

describe('parseGuideSource', () => {
  it('parses frontmatter (an unquoted date included) and lists headings with ids', () => {
    const guide = parseGuideSource('sample.mdx', `${validFrontmatter}\nIntro.\n\n## First step\n\n### \`kubectl logs\` flags\n\n## First step\n`);
    expect(guide.slug).toBe('sample');
    expect(guide.frontmatter.updated).toBe('2026-11-20');
    expect(guide.body.startsWith('Intro.')).toBe(true);
    expect(guide.headings).toEqual([
      { depth: 2, text: 'First step', id: 'first-step' },
      { depth: 3, text: 'kubectl logs flags', id: 'kubectl-logs-flags' },
      { depth: 2, text: 'First step', id: 'first-step-1' },
    ]);
  });

  it('names the file and every bad field', () => {
    const error = contentError(() =>
      parseGuideSource('bad.mdx', validFrontmatter.replace('level: beginner', 'level: expert').replace('order: 3', 'order: "3"\nauthor: me')),
    );
    expect(error.file).toBe('content/guides/bad.mdx');
    expect(error.message).toContain('content/guides/bad.mdx');
    expect(error.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['frontmatter.level', 'frontmatter.order', 'frontmatter']));
    expect(error.message).toMatch(/author/);
  });

  it('rejects a file name that is not a slug', () => {
    expect(contentError(() => parseGuideSource('Bad Name.mdx', validFrontmatter)).message).toMatch(/file name/);
  });

  it('reports broken YAML frontmatter', () => {
    expect(contentError(() => parseGuideSource('x.mdx', '---\ntitle: [unclosed\n---\nbody')).issues[0].path).toBe('frontmatter');
  });
});

describe('parseConceptsSource and parseCommandsSource', () => {
  it('names the concept by id in the path of a bad field', () => {
    const source = `concepts:\n  - id: stack\n    aptible: Stack\n    aptibleDescription: d\n    gcp: g\n    whereItLives: w\n    guide: welcome\n    docs:\n      - title: t\n        url: http://example.com\n`;
    const error = contentError(() => parseConceptsSource(source));
    expect(error.file).toBe('content/concepts.yaml');
    expect(error.issues[0].path).toBe('concepts[0] (stack).docs[0].url');
  });

  it('rejects duplicate concept ids', () => {
    const one = `  - id: app\n    aptible: App\n    aptibleDescription: d\n    gcp: g\n    whereItLives: w\n    guide: welcome\n    docs: [{ title: t, url: 'https://helm.sh/docs/' }]\n`;
    expect(contentError(() => parseConceptsSource(`concepts:\n${one}${one}`)).message).toMatch(/duplicate id "app"/);
  });

  it('gives the line of a YAML syntax error', () => {
    const error = contentError(() => parseCommandsSource('commands:\n  - id: x\n   bad: indent\n'));
    expect(error.issues[0].path).toMatch(/^line \d+, column \d+$/);
  });

  it('rejects a command entry without equivalents', () => {
    const source = `commands:\n  - id: logs\n    command: logs\n    aptible: aptible logs\n    source: lib/aptible/cli/subcommands/logs.rb\n    access: read\n    summary: s\n    guide: logs\n    equivalents: []\n`;
    expect(contentError(() => parseCommandsSource(source)).issues[0].path).toBe('commands[0] (logs).equivalents');
  });
});

describe('the loaders over content/', () => {
  it('lists guides in order and links neighbours', () => {
    const guides = listGuides();
    expect(guides[0].slug).toBe('welcome');
    expect(listGuideSlugs()).toEqual(guides.map((g) => g.slug));
    const second = getGuide(guides[1].slug);
    expect(second?.prev).toEqual({ slug: 'welcome', title: guides[0].frontmatter.title });
    expect(second?.next?.slug).toBe(guides[2].slug);
    expect(getGuide('no-such-guide')).toBeNull();
    expect(getGuide('../commands')).toBeNull();
  });

  it('caches: the same objects come back', () => {
    expect(listCommands()).toBe(listCommands());
    expect(getCommand('apps-scale')?.command).toBe('apps:scale');
    expect(getConcept('endpoint')?.guide).toBe('endpoints');
  });

  it('splits sessions into upcoming (soonest first) and past (latest first)', () => {
    const { upcoming, past } = getSessionsByTime(new Date('2026-11-25T12:00:00Z'));
    expect(upcoming.map((s) => s.date.slice(0, 10))).toEqual(['2026-12-03', '2026-12-10', '2026-12-17']);
    expect(past.map((s) => s.date.slice(0, 10))).toEqual(['2026-11-19', '2026-11-12', '2026-11-05']);
  });

  it('keeps a session upcoming while it runs', () => {
    const first = listSessions()[0];
    const during = new Date(Date.parse(first.date) + 30 * 60 * 1000);
    expect(getSessionsByTime(during).upcoming[0].id).toBe(first.id);
    const after = new Date(Date.parse(first.date) + first.durationMinutes * 60 * 1000);
    expect(getSessionsByTime(after).past.at(-1)?.id).toBe(first.id);
  });

  it('finds sessions by id and by guide', () => {
    expect(getSession('2026-11-05-from-aptible-to-gke')?.presenter).toBe('Priya Raman');
    expect(listSessionsForGuide('cutover').map((s) => s.id)).toEqual(['2026-12-17-cutover-week']);
  });

  it('requires a session id to match its file name', () => {
    const source = `id: other\ndate: '2026-12-03'\ntitle: t\npresenter: Marcus Chen\nsummary: s\nagenda: [a]\nrecording: null\nslides: null\n`;
    expect(contentError(() => parseSessionSource('2026-12-03-x.yaml', source)).issues[0]).toEqual({
      path: 'id',
      message: 'must match the file name ("2026-12-03-x")',
    });
  });
});

describe('heading ids', () => {
  it.each([
    ['Config vars: env and secrets', 'config-vars-env-and-secrets'],
    ['Pub/Sub delivers at least once', 'pubsub-delivers-at-least-once'],
    ['App → Helm release', 'app-helm-release'],
    ['`STRICT_HEALTH_CHECKS` moved', 'strict_health_checks-moved'],
    ['Café 100 %', 'cafe-100'],
    ['???', 'section'],
  ])('%s → %s', (text, id) => {
    expect(slugifyHeading(text)).toBe(id);
  });

  it('numbers duplicates like github-slugger', () => {
    const slugger = createHeadingSlugger();
    expect(['Logs', 'Logs', 'Logs-1', 'Logs'].map((t) => slugger.slug(t))).toEqual(['logs', 'logs-1', 'logs-1-1', 'logs-2']);
  });

  it('strips inline Markdown the way a renderer shows it', () => {
    expect(headingPlainText('The **new** [db:tunnel](/commands) and `a_b`\\*')).toBe('The new db:tunnel and a_b*');
  });

  it('ignores headings inside fenced code', () => {
    const md = '## Real\n\n```bash\n# not a heading\n```\n\n~~~\n## nor this\n~~~\n\n### Also real ###\n';
    expect(extractHeadings(md).map((h) => h.text)).toEqual(['Real', 'Also real']);
  });
});

describe('search index', () => {
  it('builds documents of every kind with urls', () => {
    const documents = buildSearchDocuments();
    const kinds = new Set(documents.map((d) => d.kind));
    expect(kinds).toEqual(new Set(['guide', 'concept', 'command', 'session']));
    expect(new Set(documents.map((d) => d.id)).size).toBe(documents.length);
    expect(documents.find((d) => d.id === 'command:apps-scale')?.url).toBe('/commands#apps-scale');
    expect(documents.find((d) => d.id === 'guide:logs')?.text).not.toMatch(/```|\*\*/);
  });

  it('round-trips through JSON the way the browser loads it', () => {
    const json = serializeSearchIndex(buildSearchIndex());
    const index = MiniSearch.loadJSON<SearchDocument>(json, searchOptions);
    expect(index.search('OOMKilled').map((r) => r.id)).toContain('guide:debugging-a-broken-deploy');
    expect(index.search('apps:scale')[0]?.id).toBe('command:apps-scale');
    expect(index.search('workload identity')[0]).toMatchObject({ kind: expect.any(String), url: expect.stringMatching(/^\//) });
  });

  it('turns Markdown into searchable text', () => {
    expect(markdownToSearchText('## Title\n\n> **Note:** use `kubectl` [here](/x)\n\n| a | b |\n|---|---|\n| 1 | 2 |')).toBe(
      'Title Note: use kubectl here a b 1 2',
    );
  });
});

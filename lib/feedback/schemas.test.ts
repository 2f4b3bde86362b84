import { describe, expect, it } from 'vitest';
import { formatFeedbackLink, parseFeedbackLink } from './feedback-link';
import { contextFromPath, defaultKindFor } from './page-context';
import { fieldErrorsOf } from '@/lib/result/result';
import { addLinkSchema, boardFilterSchema, guideFeedbackSchema, newFeedbackSchema, sessionFeedbackSchema } from './schemas';

const valid = { kind: 'app-problem', title: 'Pods restart every hour', description: 'Since the cutover.', severity: 'degraded' } as const;

function errorsOf(raw: unknown) {
  const parsed = newFeedbackSchema.safeParse(raw);
  return parsed.success ? {} : fieldErrorsOf(parsed.error.issues);
}

describe('newFeedbackSchema (shared by the dialog and the server)', () => {
  it('accepts a complete problem report and trims it', () => {
    const parsed = newFeedbackSchema.parse({ ...valid, title: '  Pods restart every hour  ', context: { app: 'patient-portal', environment: 'stage', page: '/apps/patient-portal' } });
    expect(parsed).toMatchObject({ title: 'Pods restart every hour', workedOnAptible: false, context: { app: 'patient-portal', environment: 'stage' } });
  });

  it('names the field of an empty title or description', () => {
    expect(errorsOf({ ...valid, title: '   ', description: '' })).toEqual({
      title: ['Give it a short title.'],
      description: ['Describe what happened or what is unclear.'],
    });
  });

  it('refuses oversized fields with the limit in words', () => {
    expect(errorsOf({ ...valid, title: 'x'.repeat(201) }).title).toEqual(['Keep the title to 200 characters or fewer.']);
    expect(errorsOf({ ...valid, title: 'x'.repeat(200) }).title).toBeUndefined();
    expect(errorsOf({ ...valid, description: 'x'.repeat(10_001) }).description).toEqual(['Keep the description to 10,000 characters or fewer.']);
    expect(errorsOf({ ...valid, description: 'x'.repeat(10_000) }).description).toBeUndefined();
  });

  it('asks a problem for its severity, and drops a severity from other kinds', () => {
    expect(errorsOf({ ...valid, severity: undefined }).severity).toEqual(['Choose how bad it is: blocking, degraded or annoying.']);
    expect(newFeedbackSchema.parse({ ...valid, kind: 'idea' }).severity).toBeUndefined();
    expect(errorsOf({ ...valid, kind: 'nonsense' }).kind).toEqual(['Choose what kind of feedback this is.']);
  });

  it('refuses references that are not names at all', () => {
    expect(Object.keys(errorsOf({ ...valid, context: { app: '../etc' } }))).toEqual(['context.app']);
    expect(Object.keys(errorsOf({ ...valid, context: { guide: 'A B' } }))).toEqual(['context.guide']);
    expect(Object.keys(errorsOf({ ...valid, context: { environment: 'stage' } }))).toEqual(['context.environment']);
    expect(Object.keys(errorsOf({ ...valid, context: { page: 'https://evil.example' } }))).toEqual(['context.page']);
  });
});

describe('other feedback forms', () => {
  it('session feedback needs a rating from 1 to 5', () => {
    for (const rating of [0, 6, 2.5, undefined]) {
      const parsed = sessionFeedbackSchema.safeParse({ sessionId: '2026-11-05-from-aptible-to-gke', rating });
      expect(parsed.success).toBe(false);
      if (!parsed.success) expect(fieldErrorsOf(parsed.error.issues).rating).toEqual(['Pick a rating from 1 to 5.']);
    }
    expect(sessionFeedbackSchema.parse({ sessionId: 's1', rating: 4 })).toEqual({ sessionId: 's1', rating: 4, clear: '', unclear: '', nextTopics: '' });
  });

  it('a guide that did not help needs a reason; a helpful one drops it', () => {
    const refused = guideFeedbackSchema.safeParse({ guide: 'logs', helpful: false });
    expect(refused.success ? {} : fieldErrorsOf(refused.error.issues)).toEqual({ reason: ['Choose what was wrong with it.'] });
    expect(guideFeedbackSchema.parse({ guide: 'logs', helpful: true, reason: 'unclear' }).reason).toBeUndefined();
  });

  it('board filters ignore values they do not know instead of failing the page', () => {
    expect(boardFilterSchema.parse({ status: 'bogus', kind: 'x', app: '../', sort: 'random' })).toEqual({ status: 'open', sort: 'newest' });
    expect(boardFilterSchema.parse({ status: 'resolved', team: 'clinical', sort: 'votes' })).toEqual({ status: 'resolved', team: 'clinical', sort: 'votes' });
  });
});

describe('linking a commit or a change request', () => {
  it.each([
    ['https://github.example/meridian/config/pull/12', { type: 'url', url: 'https://github.example/meridian/config/pull/12' }],
    ['3f2a9c1', { type: 'commit', sha: '3f2a9c1' }],
    ['3F2A9C1D0E4B5A6978BCDEF0123456789ABCDEF0', { type: 'commit', sha: '3f2a9c1d0e4b5a6978bcdef0123456789abcdef0' }],
    ['change:42', { type: 'change', id: '42' }],
    ['CR-42', { type: 'change', id: '42' }],
  ])('reads %s', (ref, expected) => {
    expect(parseFeedbackLink(ref)).toEqual(expected);
    const link = parseFeedbackLink(ref);
    if (link) expect(parseFeedbackLink(formatFeedbackLink(link))).toEqual(link);
  });

  it.each(['javascript:alert(1)', 'data:text/html,x', 'ftp://files.example/x', 'https://user:pw@host.example/', '3f2a9c', 'not a link', 'g'.repeat(40)])(
    'refuses %s',
    (ref) => {
      expect(parseFeedbackLink(ref)).toBeNull();
      expect(addLinkSchema.safeParse({ id: 1, ref }).success).toBe(false);
    },
  );
});

describe('where the dialog is opened', () => {
  it.each([
    ['/apps/patient-portal', { page: '/apps/patient-portal', app: 'patient-portal' }],
    ['/apps/patient-portal/values/production', { page: '/apps/patient-portal/values/production', app: 'patient-portal', environment: 'production' }],
    ['/apps/scheduler/stage/logs', { page: '/apps/scheduler/stage/logs', app: 'scheduler', environment: 'stage' }],
    ['/guides/config-vars', { page: '/guides/config-vars', guide: 'config-vars' }],
    ['/sessions/2026-11-05-from-aptible-to-gke', { page: '/sessions/2026-11-05-from-aptible-to-gke', session: '2026-11-05-from-aptible-to-gke' }],
    ['/feedback/sessions/2026-11-19-debugging-a-broken-deploy', { page: '/feedback/sessions/2026-11-19-debugging-a-broken-deploy', session: '2026-11-19-debugging-a-broken-deploy' }],
    ['/teams', { page: '/teams' }],
    ['/apps/Not_An_App', { page: '/apps/Not_An_App' }],
    ['/', { page: '/' }],
  ])('%s', (path, expected) => {
    expect(contextFromPath(path)).toEqual(expected);
  });

  it('reads the environment from ?env= when the path has none', () => {
    expect(contextFromPath('/apps/scheduler/logs', new URLSearchParams('env=production'))).toMatchObject({ app: 'scheduler', environment: 'production' });
    expect(contextFromPath('/apps/scheduler/logs', new URLSearchParams('env=prod'))).not.toHaveProperty('environment');
  });

  it('starts with the kind people mean from that page', () => {
    expect(defaultKindFor({ guide: 'logs' })).toBe('guide');
    expect(defaultKindFor({ session: 's' })).toBe('session');
    expect(defaultKindFor({ app: 'scheduler' })).toBe('app-problem');
  });
});

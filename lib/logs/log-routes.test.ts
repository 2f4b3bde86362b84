// The log routes end to end in this process: IAP-signed requests to the real route handlers,
// pod logs from the sandbox Kubernetes API, a SQLite database. Who may read production logs,
// and that every read of them is recorded — each one, also when many arrive at once.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '@/lib/audit/list-audit-events';
import type { AuditEvent } from '@/lib/audit/audit-event';
import { type LogRoutesWorld, type RouteHandler, startLogRoutesWorld } from '@/lib/testing/log-routes-world';

const HIRO = 'hiro.tanaka@meridiancare.example'; // care-ops engineer: owns care-admin
const DMITRI = 'dmitri.volkov@meridiancare.example'; // clinical engineer
const IVY = 'ivy.martins@meridiancare.example'; // care-ops viewer
const PRIYA = 'priya.raman@meridiancare.example'; // platform
const STRANGER = 'new.hire@meridiancare.example'; // not in teams.yaml

let world: LogRoutesWorld;
let page: RouteHandler;
let stream: RouteHandler;
let download: RouteHandler;
let breakGlass: RouteHandler;
let unmask: RouteHandler;

const PHI_LINES = Array.from({ length: 12 }, (_, i) => `audit viewed chart GET /admin/patients/patient/${31330 + i}/change/ user=jlee@meridiancare.com from 203.0.113.${i + 1}`);
const MASKED_LINE = /^audit viewed chart GET \/admin\/patients\/patient\/\[patient id\]\/change\/ user=\[email\] from \[IP\]$/;
const post = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://berth.test', 'x-forwarded-host': 'berth.test' }, body: JSON.stringify(body) });
type Page = { entries: { text?: string; insertId: string; time: string; pod: string; container: string; masked?: number }[]; nextPageToken: string | null; masking: { masked: boolean; unmaskedUntil: string | null; unmaskEnded: boolean } };

beforeAll(async () => {
  world = await startLogRoutesWorld({ LOG_STREAMS_PER_PERSON: '2', LOG_STREAMS_PER_REPLICA: '4' });
  page = (await import('@/app/api/apps/[app]/logs/route')).GET as RouteHandler;
  stream = (await import('@/app/api/apps/[app]/logs/stream/route')).GET as RouteHandler;
  download = (await import('@/app/api/apps/[app]/logs/download/route')).GET as RouteHandler;
  breakGlass = (await import('@/app/api/apps/[app]/logs/break-glass/route')).POST as RouteHandler;
  unmask = (await import('@/app/api/apps/[app]/logs/unmask/route')).POST as RouteHandler;
  world.write('production', 'care-admin', Array.from({ length: 30 }, (_, i) => `GET /admin/visits/${i} 200`));
  world.write('production', 'care-admin', PHI_LINES);
  world.write('stage', 'care-admin', PHI_LINES);
  world.write('stage', 'care-admin', ['GET /health 200']);
}, 120_000);

afterAll(async () => {
  await world?.close();
});

/** The person's log reads (their IAP sign-in is in the trail too). */
async function readsBy(actor: string, action?: string): Promise<AuditEvent[]> {
  return (await listAuditEvents(await world.db(), { actor, limit: 500 })).filter((e) => e.action.startsWith('logs.') && (!action || e.action === action));
}

/** Reads a stream response until `until` is true of the text so far, then leaves. */
async function readStream(response: Response, abort: AbortController, until: (text: string) => boolean): Promise<string> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (!until(text)) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  abort.abort();
  await reader.cancel().catch(() => undefined);
  return text;
}

describe('who may read production logs', () => {
  it('refuses another team’s engineer, a viewer and an unlisted identity on the page, the stream and the download', async () => {
    for (const [email, status, canBreakGlass] of [
      [DMITRI, 403, true],
      [IVY, 403, true],
      [STRANGER, 403, undefined],
    ] as const) {
      for (const [route, path] of [
        [page, '/api/apps/care-admin/logs?env=production'],
        [stream, '/api/apps/care-admin/logs/stream?env=production'],
        [download, '/api/apps/care-admin/logs/download?env=production'],
      ] as const) {
        const response = await world.call(route, email, path);
        expect(response.status, `${email} ${path}`).toBe(status);
        const body = (await response.json()) as { error: { code: string; details?: { canBreakGlass?: boolean } } };
        expect(body.error.code).toBe('forbidden');
        expect(body.error.details?.canBreakGlass).toBe(canBreakGlass);
      }
    }
    // Refusals read nothing, so they record no read.
    expect(await readsBy(DMITRI)).toEqual([]);
  });

  it('serves the owning team, the platform team and (stage) everyone listed', async () => {
    for (const [email, env] of [
      [HIRO, 'production'],
      [PRIYA, 'production'],
      [DMITRI, 'stage'],
      [IVY, 'stage'],
    ]) {
      const response = await world.call(page, email, `/api/apps/care-admin/logs?env=${env}`);
      expect(response.status, `${email} ${env}`).toBe(200);
      expect(((await response.json()) as { entries: unknown[] }).entries.length).toBeGreaterThan(0);
    }
    // Stage holds synthetic data only: no read of it is recorded.
    expect(await readsBy(IVY)).toEqual([]);
  });

  it('lets another team read after breaking glass, and records the reason with every read', async () => {
    const reason = 'INC-4411: refunds failing, checking care-admin errors';
    const granted = await world.call(breakGlass, DMITRI, '/api/apps/care-admin/logs/break-glass', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://berth.test', 'x-forwarded-host': 'berth.test' },
      body: JSON.stringify({ environment: 'production', reason, minutes: 15 }),
    });
    expect(granted.status).toBe(201);
    const { grant } = (await granted.json()) as { grant: { id: number } };
    const response = await world.call(page, DMITRI, '/api/apps/care-admin/logs?env=production&pageSize=5');
    expect(response.status).toBe(200);
    const [read] = await readsBy(DMITRI, 'logs.query');
    expect(read.details).toMatchObject({ environment: 'production', lines: 5, breakGlass: { grant: grant.id, reason } });
  });
});

describe('a record of every read of production logs', () => {
  it('records a query, a later page, a download and a stream opened and closed: who, what, the window and how many lines', async () => {
    const first = await world.call(page, HIRO, '/api/apps/care-admin/logs?env=production&container=web&q=visits&pageSize=10');
    const body = (await first.json()) as { entries: unknown[]; nextPageToken: string; window: { since: string; until: string } };
    expect(body.entries).toHaveLength(10);
    // The next page: the same window as the first (the viewer sends it back), and its token.
    const second = await world.call(page, HIRO, `/api/apps/care-admin/logs?env=production&container=web&q=visits&pageSize=10&since=${body.window.since}&pageToken=${encodeURIComponent(body.nextPageToken)}`);
    expect(second.status, await second.clone().text()).toBe(200);
    const file = await world.call(download, HIRO, '/api/apps/care-admin/logs/download?env=production&q=visits');
    expect(file.status).toBe(200);
    expect((await file.text()).split('\n').filter((l) => l.includes('/admin/visits/')).length).toBe(30);

    const abort = new AbortController();
    const live = await world.call(stream, HIRO, '/api/apps/care-admin/logs/stream?env=production', { signal: abort.signal });
    expect(live.status).toBe(200);
    const reading = readStream(live, abort, (text) => text.includes('GET /admin/refunds/7 500'));
    // Written once the follow is open (the sandbox sends lines written after it started).
    await expect.poll(async () => (await readsBy(HIRO, 'logs.stream-opened')).length).toBe(1);
    await expect
      .poll(async () => {
        world.write('production', 'care-admin', ['GET /admin/refunds/7 500']);
        return Promise.race([reading.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 200))]);
      }, { timeout: 20_000 })
      .toBe(true);
    await expect.poll(async () => (await readsBy(HIRO, 'logs.stream-closed')).length, { timeout: 10_000 }).toBe(1);

    const events = await readsBy(HIRO);
    const byAction = (action: string) => events.find((e) => e.action === action)!;
    expect(byAction('logs.query')).toMatchObject({ target: 'app:care-admin', details: { environment: 'production', filter: { container: 'web', text: 'visits' }, lines: 10 } });
    expect((byAction('logs.query').details as { window: { since: string; until: string } }).window).toEqual(body.window);
    expect(byAction('logs.page').details).toMatchObject({ lines: 10, filter: { text: 'visits' } });
    expect(byAction('logs.download').details).toMatchObject({ lines: 30, filter: { text: 'visits' } });
    expect(byAction('logs.stream-opened').details).toMatchObject({ environment: 'production', lines: 0 });
    expect(byAction('logs.stream-closed').details).toMatchObject({ ended: 'client-left', lines: expect.any(Number) });
    expect((byAction('logs.stream-closed').details as { lines: number }).lines).toBeGreaterThanOrEqual(1);
    for (const event of events) expect(event.details).toHaveProperty('requestId');
  });

  it('records each of 40 reads that arrive at once', async () => {
    const before = (await readsBy(PRIYA, 'logs.query')).length;
    const responses = await Promise.all(Array.from({ length: 40 }, (_, i) => world.call(page, PRIYA, `/api/apps/care-admin/logs?env=production&pageSize=${i + 1}`)));
    expect(responses.map((r) => r.status)).toEqual(Array(40).fill(200));
    const returned = await Promise.all(responses.map(async (r) => ((await r.json()) as { entries: unknown[] }).entries.length));
    const reads = (await readsBy(PRIYA, 'logs.query')).slice(0, -before || undefined);
    expect(reads).toHaveLength(40);
    // Each read's record says how many lines it returned.
    const ascending = (values: number[]) => [...values].sort((a, b) => a - b);
    expect(ascending(reads.map((r) => (r.details as { lines: number }).lines))).toEqual(ascending(returned));
  });

  it('refuses to show lines it cannot record: a 503, and nothing of the logs in the answer', async () => {
    const db = await world.db();
    // A real fault in the real database: the audit table is not there for a moment.
    await sql`ALTER TABLE audit_events RENAME TO audit_events_away`.execute(db);
    try {
      const refused = await world.call(page, HIRO, '/api/apps/care-admin/logs?env=production');
      expect(refused.status).toBe(503);
      const text = await refused.text();
      expect(JSON.parse(text).error).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/could not record this read/) });
      expect(text).not.toContain('/admin/visits/');
      const file = await world.call(download, HIRO, '/api/apps/care-admin/logs/download?env=production');
      expect(file.status).toBe(503);
      expect(await file.text()).not.toContain('/admin/visits/');
      expect((await world.call(stream, HIRO, '/api/apps/care-admin/logs/stream?env=production')).status).toBe(503);
      // Stage is not recorded, so it is not refused.
      expect((await world.call(page, HIRO, '/api/apps/care-admin/logs?env=stage')).status).toBe(200);
    } finally {
      await sql`ALTER TABLE audit_events_away RENAME TO audit_events`.execute(db);
    }
    expect((await world.call(page, HIRO, '/api/apps/care-admin/logs?env=production')).status).toBe(200);
  });
});

describe('likely PHI masked in production, unmasked only with a reason', () => {
  it('masks production lines by default and leaves stage (synthetic) as written', async () => {
    const production = (await (await world.call(page, HIRO, '/api/apps/care-admin/logs?env=production&q=audit+viewed')).json()) as Page;
    expect(production.masking).toEqual({ masked: true, unmaskedUntil: null, unmaskEnded: false });
    expect(production.entries).toHaveLength(12);
    for (const entry of production.entries) {
      expect(entry.text).toMatch(MASKED_LINE);
      expect(entry.masked).toBe(3);
    }
    const stage = (await (await world.call(page, HIRO, '/api/apps/care-admin/logs?env=stage&q=audit+viewed')).json()) as Page;
    expect(stage.masking.masked).toBe(false);
    expect(stage.entries.map((e) => e.text).sort()).toEqual([...PHI_LINES].sort());
  });

  it('filters and pages on the lines as written: a search for a masked value finds its line, still masked', async () => {
    const found = (await (await world.call(page, HIRO, '/api/apps/care-admin/logs?env=production&q=31337')).json()) as Page;
    expect(found.entries).toHaveLength(1);
    expect(found.entries[0].text).toMatch(MASKED_LINE);
    expect(found.entries[0].text).not.toContain('31337');
    // Pages of 5 through the 12 lines: every one once, masked, in order.
    const seen: string[] = [];
    let token: string | null = null;
    let since = '';
    do {
      const url = `/api/apps/care-admin/logs?env=production&q=audit+viewed&pageSize=5${since ? `&since=${since}` : ''}${token ? `&pageToken=${encodeURIComponent(token)}` : ''}`;
      const response = await world.call(page, HIRO, url);
      const body = (await response.json()) as Page & { window: { since: string } };
      since ||= body.window.since;
      for (const entry of body.entries) {
        expect(entry.text).toMatch(MASKED_LINE);
        seen.push(entry.insertId);
      }
      token = body.nextPageToken;
    } while (token);
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);
  });

  it('downloads masked, and says so in the file', async () => {
    const file = await (await world.call(download, HIRO, '/api/apps/care-admin/logs/download?env=production&q=audit+viewed')).text();
    expect(file).toContain('# likely patient data masked (36 values)');
    expect(file).not.toMatch(/jlee@|31337|203\.0\.113/);
  });

  it('"show unmasked" on the view: a reason, a grant the reads name, every read recorded with the reason, then masked again', async () => {
    const short = await world.call(unmask, HIRO, '/api/apps/care-admin/logs/unmask', post({ scope: 'page', environment: 'production', reason: 'why not' }));
    expect(short.status).toBe(400);
    const reason = 'INC-4412: refund for the visit of patient 31337 failed, need the exact request';
    const granted = await world.call(unmask, HIRO, '/api/apps/care-admin/logs/unmask', post({ scope: 'page', environment: 'production', reason }));
    expect(granted.status).toBe(201);
    const { grant } = (await granted.json()) as { grant: { id: number; expiresAt: string } };
    expect(Date.parse(grant.expiresAt) - Date.now()).toBeGreaterThan(14 * 60_000);

    const unmasked = (await (await world.call(page, HIRO, `/api/apps/care-admin/logs?env=production&q=31337&unmask=${grant.id}`)).json()) as Page;
    expect(unmasked.masking).toEqual({ masked: false, unmaskedUntil: grant.expiresAt, unmaskEnded: false });
    expect(unmasked.entries[0].text).toBe(PHI_LINES[7]);
    const file = await (await world.call(download, HIRO, `/api/apps/care-admin/logs/download?env=production&q=31337&unmask=${grant.id}`)).text();
    expect(file).toContain(`# unmasked for ${HIRO}: ${reason}`);
    expect(file).toContain(PHI_LINES[7]);

    const events = await readsBy(HIRO);
    expect(events.find((e) => e.action === 'logs.unmask')?.details).toMatchObject({ scope: 'page', reason, grant: grant.id, environment: 'production' });
    const reads = events.filter((e) => (e.details as { unmasked?: unknown }).unmasked);
    expect(reads.map((e) => e.action).sort()).toEqual(['logs.download', 'logs.query']);
    for (const read of reads) expect(read.details).toMatchObject({ unmasked: { grant: grant.id, reason } });

    // Someone else cannot use the grant: they get masked lines, and are told it does not apply.
    const other = (await (await world.call(page, PRIYA, `/api/apps/care-admin/logs?env=production&q=31337&unmask=${grant.id}`)).json()) as Page;
    expect(other.masking).toEqual({ masked: true, unmaskedUntil: null, unmaskEnded: true });
    expect(other.entries[0].text).toMatch(MASKED_LINE);
  });

  it('"show unmasked" on one line: that line as written, recorded with the reason', async () => {
    const masked = (await (await world.call(page, PRIYA, '/api/apps/care-admin/logs?env=production&q=31335')).json()) as Page;
    const line = masked.entries[0];
    const reason = 'Checking which staff account opened chart before the audit review';
    const response = await world.call(unmask, PRIYA, '/api/apps/care-admin/logs/unmask', post({ scope: 'line', environment: 'production', reason, line: { insertId: line.insertId, time: line.time, pod: line.pod, container: line.container } }));
    expect(response.status).toBe(200);
    const { entry } = (await response.json()) as { entry: { text: string; insertId: string } };
    expect(entry).toMatchObject({ insertId: line.insertId, text: PHI_LINES[5] });
    const [event] = await readsBy(PRIYA, 'logs.unmask');
    expect(event.details).toMatchObject({ scope: 'line', reason, line: { insertId: line.insertId, pod: line.pod }, lines: 1 });

    const gone = await world.call(unmask, PRIYA, '/api/apps/care-admin/logs/unmask', post({ scope: 'line', environment: 'production', reason, line: { ...line, insertId: 'not-a-line' } }));
    expect(gone.status).toBe(404);
    // Only those who may read the logs may unmask them; stage has nothing to unmask.
    const refused = await world.call(unmask, IVY, '/api/apps/care-admin/logs/unmask', post({ scope: 'page', environment: 'production', reason }));
    expect(refused.status).toBe(403);
    const stage = await world.call(unmask, PRIYA, '/api/apps/care-admin/logs/unmask', post({ scope: 'page', environment: 'stage', reason }));
    expect(stage.status).toBe(400);
  });

  it('masks what the stream sends', async () => {
    const abort = new AbortController();
    const live = await world.call(stream, HIRO, '/api/apps/care-admin/logs/stream?env=production&q=ssn', { signal: abort.signal });
    const reading = readStream(live, abort, (text) => text.includes('event: entries'));
    await expect
      .poll(async () => {
        world.write('production', 'care-admin', ['eligibility check ssn 123-45-6789 for maria.gomez@example.org']);
        return Promise.race([reading.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 200))]);
      }, { timeout: 20_000 })
      .toBe(true);
    const text = await reading;
    expect(text).toContain('eligibility check ssn [SSN] for [email]');
    expect(text).not.toContain('123-45-6789');
  });
});

describe('limits on live streams', () => {
  function open(email: string, path: string) {
    const abort = new AbortController();
    return world.call(stream, email, path, { signal: abort.signal }).then((response) => ({ response, abort }));
  }

  it('gives one person at most N streams, and the N+1th a 429 saying which are open', async () => {
    const first = await open(HIRO, '/api/apps/care-admin/logs/stream?env=production&severity=ERROR');
    const second = await open(HIRO, '/api/apps/patient-portal/logs/stream?env=stage');
    expect([first.response.status, second.response.status]).toEqual([200, 200]);
    const third = await world.call(stream, HIRO, '/api/apps/care-admin/logs/stream?env=stage');
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBe('5');
    const { error } = (await third.json()) as { error: { code: string; message: string; details: { scope: string; open: { app: string }[] } } };
    expect(error.code).toBe('rate-limited');
    expect(error.message).toMatch(/^You already follow 2 log streams, the most one person may: care-admin production \(following since \d\d:\d\d UTC, severity ERROR\); patient-portal stage \(following since/);
    expect(error.message).toMatch(/Stop "Follow live" on one of them/);
    expect(error.details).toMatchObject({ scope: 'person', open: [{ app: 'care-admin' }, { app: 'patient-portal' }] });
    // The refused follow was not opened, so no read of it is recorded.
    expect((await readsBy(HIRO, 'logs.stream-opened')).length).toBe((await readsBy(HIRO, 'logs.stream-closed')).length + 1);

    // Closing one makes room for another.
    first.abort.abort();
    await first.response.body?.cancel().catch(() => undefined);
    await expect.poll(async () => (await world.call(stream, HIRO, '/api/apps/care-admin/logs/stream?env=stage', { signal: AbortSignal.abort() })).status).not.toBe(429);
    second.abort.abort();
    await second.response.body?.cancel().catch(() => undefined);
  });

  it('identical follows by different people share one connection to the cluster API; the replica’s cap counts every stream', async () => {
    await expect.poll(() => world.kube.openStreams(), { timeout: 10_000 }).toBe(0);
    const path = '/api/apps/care-admin/logs/stream?env=production&q=refund';
    const hiro = await open(HIRO, path);
    await expect.poll(() => world.kube.openStreams(), { timeout: 10_000 }).toBe(1);
    const priya = await open(PRIYA, path);
    const priyaAgain = await open(PRIYA, path);
    expect([hiro.response.status, priya.response.status, priyaAgain.response.status]).toEqual([200, 200, 200]);
    // Three followers, one pod: one follow on the API server (polled: on a busy machine the sandbox
    // pod's log stream can end and be followed again in between, leaving none for a moment).
    await expect.poll(() => world.kube.openStreams(), { timeout: 10_000 }).toBe(1);
    // A fourth stream fills the replica (4); a fifth, by someone with none open, is refused for the replica.
    const fourth = await open(HIRO, '/api/apps/care-admin/logs/stream?env=stage');
    expect(fourth.response.status).toBe(200);
    const fifth = await world.call(stream, 'esther.adeyemi@meridiancare.example', '/api/apps/care-admin/logs/stream?env=stage');
    expect(fifth.status).toBe(429);
    expect(((await fifth.json()) as { error: { message: string } }).error.message).toMatch(/^This Berth replica already serves 4 live log streams/);
    for (const s of [hiro, priya, priyaAgain, fourth]) {
      s.abort.abort();
      await s.response.body?.cancel().catch(() => undefined);
    }
    await expect.poll(() => world.kube.openStreams(), { timeout: 10_000 }).toBe(0);
  });
});

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

beforeAll(async () => {
  world = await startLogRoutesWorld();
  page = (await import('@/app/api/apps/[app]/logs/route')).GET as RouteHandler;
  stream = (await import('@/app/api/apps/[app]/logs/stream/route')).GET as RouteHandler;
  download = (await import('@/app/api/apps/[app]/logs/download/route')).GET as RouteHandler;
  breakGlass = (await import('@/app/api/apps/[app]/logs/break-glass/route')).POST as RouteHandler;
  world.write('production', 'care-admin', Array.from({ length: 30 }, (_, i) => `GET /admin/visits/${i} 200`));
  world.write('stage', 'care-admin', ['GET /health 200']);
}, 120_000);

afterAll(async () => {
  await world?.close();
});

async function readsBy(actor: string, action?: string): Promise<AuditEvent[]> {
  return (await listAuditEvents(await world.db(), { actor, limit: 500 })).filter((e) => !action || e.action === action);
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

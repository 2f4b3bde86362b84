// Identical follows share one upstream tail, over the real Cloud Logging client against the
// sandbox gRPC server (its feed counts the TailLogEntries calls that are open).
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { MemoryLogFeed } from '@/sandbox/cloud-logging/memory-log-feed';
import { startCloudLoggingServer } from '@/sandbox/cloud-logging/server';
import { logRecord } from '@/lib/testing/log-records';
import { CloudLoggingSource } from './cloud-logging-source';
import type { LogEntry, LogQuery } from './log-entry';
import { describeRefusal, LogStreamLimits } from './log-stream-limits';
import { followKey, SharedTails } from './shared-tail';
import { type SandboxLogSource, startSandboxLogSource } from '@/lib/testing/sandbox-log-source';

const feed = new MemoryLogFeed();
let logging: SandboxLogSource;
let source: CloudLoggingSource;
const query: LogQuery = { app: 'intake-forms', namespace: 'intake-forms', environment: 'stage', cluster: 'gke-stage' };

const record = (text: string, at = Date.now()) => logRecord({ time: new Date(at), text }, 'shared');

/** The sandbox answers over gRPC: on a busy machine a call takes a while to start. */
const eventually = (check: () => void) => vi.waitFor(check, { timeout: 15_000, interval: 20 });

function follower(shared: SharedTails, q: LogQuery) {
  const entries: LogEntry[] = [];
  const stop = new AbortController();
  const done = shared.tail(q, (entry) => entries.push(entry), stop.signal);
  return { entries, stop: () => stop.abort(), done, texts: () => entries.map((e) => e.text) };
}

beforeAll(async () => {
  logging = await startSandboxLogSource(feed);
  ({ source } = logging);
});

afterAll(() => logging?.close());

describe('identical follows share one upstream tail', () => {
  test('three followers of the same filter hold one TailLogEntries call and each get every line; the last to leave ends it', async () => {
    const shared = new SharedTails(source);
    const since = new Date();
    const followers = [follower(shared, { ...query, since }), follower(shared, { ...query, since }), follower(shared, { ...query, since })];
    await eventually(() => expect(feed.listenerCount).toBe(1));
    expect(shared.upstreams).toBe(1);
    feed.push(record('one'), record('two'));
    await eventually(() => followers.forEach((f) => expect(f.texts()).toEqual(['one', 'two'])));

    followers[0].stop();
    await followers[0].done;
    feed.push(record('three'));
    await eventually(() => expect(followers[1].texts()).toEqual(['one', 'two', 'three']));
    expect(followers[0].texts()).toEqual(['one', 'two']);
    expect(feed.listenerCount).toBe(1);

    followers[1].stop();
    followers[2].stop();
    await Promise.all(followers.map((f) => f.done));
    await eventually(() => expect(feed.listenerCount).toBe(0));
    expect(shared.upstreams).toBe(0);
  });

  test('a follower who joins late gets what it missed from where it asked, then the same live lines', async () => {
    const shared = new SharedTails(source);
    const start = Date.now();
    const first = follower(shared, { ...query, since: new Date(start) });
    await eventually(() => expect(feed.listenerCount).toBe(1));
    feed.push(record('before', start + 10), record('joined at', start + 20));
    await eventually(() => expect(first.texts()).toEqual(['before', 'joined at']));
    const late = follower(shared, { ...query, since: new Date(start + 20) });
    expect(late.texts()).toEqual(['joined at']);
    feed.push(record('after', start + 30));
    await eventually(() => expect(late.texts()).toEqual(['joined at', 'after']));
    expect(feed.listenerCount).toBe(1);
    first.stop();
    late.stop();
    await eventually(() => expect(feed.listenerCount).toBe(0));
  });

  test('another filter, or a start earlier than the shared tail holds, reads on its own', async () => {
    const shared = new SharedTails(source);
    const now = Date.now();
    const errors = follower(shared, { ...query, since: new Date(now), minSeverity: 'ERROR' });
    const all = follower(shared, { ...query, since: new Date(now) });
    const earlier = follower(shared, { ...query, since: new Date(now - 60_000) });
    await eventually(() => expect(feed.listenerCount).toBe(3));
    expect(shared.upstreams).toBe(2);
    for (const f of [errors, all, earlier]) f.stop();
    await eventually(() => expect(feed.listenerCount).toBe(0));
    expect(followKey({ ...query, text: ' Timeout ' })).toBe(followKey({ ...query, text: 'timeout' }));
  });

  test('starts its upstream afresh now and then without a follower losing or repeating a line', async () => {
    const shared = new SharedTails(source, { restartMs: 400, overlapMs: 250 });
    const since = new Date();
    const a = follower(shared, { ...query, since });
    const b = follower(shared, { ...query, since });
    const written: string[] = [];
    // Lines written while two upstream tails overlap (both see them) and while one runs.
    for (let i = 0; i < 4; i += 1) {
      await eventually(() => expect(feed.listenerCount).toBe(2));
      written.push(`during restart ${i}`);
      feed.push(record(`during restart ${i}`));
      await eventually(() => expect(feed.listenerCount).toBe(1));
      written.push(`between restarts ${i}`);
      feed.push(record(`between restarts ${i}`));
    }
    await eventually(() => expect(a.texts()).toEqual(written));
    await eventually(() => expect(b.texts()).toEqual(written));
    a.stop();
    b.stop();
    await eventually(() => expect(feed.listenerCount).toBe(0));
  });

  test('a failing backend fails every follower of it', async () => {
    const gone = await startCloudLoggingServer({ feed });
    await gone.close();
    const dead = new SharedTails(new CloudLoggingSource({ projectId: 'meridian-stage', endpoint: gone.endpoint }));
    const a = follower(dead, { ...query, since: new Date() });
    const b = follower(dead, { ...query, since: new Date() });
    await expect(a.done).rejects.toThrow(/could not be reached/);
    await expect(b.done).rejects.toThrow(/could not be reached/);
    expect(dead.upstreams).toBe(0);
  });
});

describe('the cap on live streams', () => {
  test('per person and per replica, telling the one too many what is open', () => {
    const limits = new LogStreamLimits(() => ({ perPerson: 2, perReplica: 3 }));
    const at = new Date('2026-11-25T10:02:00Z');
    const open = (email: string, app: string) => limits.tryOpen({ email, app, environment: 'production', filter: { severity: 'ERROR' } }, at);
    const first = open('ana@x', 'patient-portal');
    const second = open('ana@x', 'scheduler');
    const third = open('ana@x', 'intake-forms');
    expect(first.ok && second.ok).toBe(true);
    expect(third).toMatchObject({ ok: false, scope: 'person', limit: 2 });
    if (third.ok) return;
    expect(describeRefusal(third)).toBe(
      'You already follow 2 log streams, the most one person may: patient-portal production (following since 10:02 UTC, severity ERROR); scheduler production (following since 10:02 UTC, severity ERROR). Stop "Follow live" on one of them (another tab or window), then try again.',
    );
    expect(open('ben@x', 'patient-portal').ok).toBe(true);
    const fourth = open('chloe@x', 'patient-portal');
    expect(fourth).toMatchObject({ ok: false, scope: 'replica', limit: 3 });
    // Closing one makes room; closing twice counts once.
    if (first.ok) {
      first.close();
      first.close();
    }
    expect(limits.size).toBe(2);
    expect(open('ana@x', 'intake-forms').ok).toBe(true);
    expect(open('chloe@x', 'patient-portal').ok).toBe(false);
  });
});

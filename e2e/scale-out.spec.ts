import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { expect, test } from '@playwright/test';
import { startTestIap, type TestIap } from '../lib/testing/iap';
import { ownDataDir, replicaPorts, mainDataDir } from './ports';
import { type BerthProcess, startBerthProcess } from './berth-process';

// Two Berth replicas (separate processes, separate clones) sharing one PostgreSQL database and
// one bare git remote, as on GKE: nothing lost, nothing applied twice.
const work = ownDataDir('scale');
const remote = path.join(work, 'remote.git');
const ports = replicaPorts;
const bases = ports.map((p) => `http://127.0.0.1:${p}`);
const postgresUrl = process.env.TEST_DATABASE_URL;
let databaseUrl = '';
let databaseName = '';
let iap: TestIap;
const replicas: BerthProcess[] = [];

test.describe.configure({ mode: 'serial' });

test.skip(!postgresUrl && !process.env.CI, 'TEST_DATABASE_URL is not set: the scale-out suite needs PostgreSQL (CI sets it).');

const git = (dir: string, ...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' });

function startReplica(index: number): Promise<BerthProcess> {
  return startBerthProcess({
    port: ports[index],
    iap,
    env: {
      AUTH_SECRET: 'scale-out-secret-0123456789abcdef0123456789',
      DATABASE_URL: databaseUrl,
      CONFIG_REPO_DIR: path.join(work, `replica-${index}`),
      CONFIG_REPO_REMOTE: remote,
      BERTH_DATA_DIR: path.join(work, `data-${index}`),
      BERTH_SANDBOX: '0',
    },
    timeoutMs: 60_000,
  });
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  if (!postgresUrl) throw new Error('TEST_DATABASE_URL must be set in CI.');
  iap = await startTestIap();
  databaseName = `berth_scale_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`create database ${databaseName}`);
  await admin.end();
  const url = new URL(postgresUrl);
  url.pathname = `/${databaseName}`;
  databaseUrl = url.toString();

  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  execFileSync('git', ['clone', '--quiet', '--bare', path.join(mainDataDir, 'config-repo'), remote]);
  for (const index of [0, 1]) execFileSync('git', ['clone', '--quiet', remote, path.join(work, `replica-${index}`)]);
  replicas.push(...(await Promise.all([startReplica(0), startReplica(1)])));
});

test.afterAll(async () => {
  await Promise.all(replicas.map((replica) => replica.stop('SIGKILL')));
  await iap?.close();
  if (databaseName && postgresUrl) {
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${databaseName} with (force)`);
    await admin.end();
  }
});

async function as(email: string) {
  return { 'x-goog-iap-jwt-assertion': await iap.token({ email }), 'content-type': 'application/json' };
}

async function readFile(base: string, app: string, headers: Record<string, string>) {
  return (await (await fetch(`${base}/api/apps/${app}/values/values-stage.yaml`, { headers })).json()) as { text: string; revision: string };
}

test('40 concurrent saves over both replicas: each non-stale save lands once, the remote stays linear and clean', async () => {
  const priya = await as('priya.raman@meridiancare.example');
  const apps = ['patient-portal', 'provider-api', 'notifications', 'care-admin', 'scheduler', 'intake-forms', 'billing-sync', 'berth'];
  const starting = await Promise.all(apps.map((app) => readFile(bases[0], app, priya)));
  const before = git(remote, 'rev-parse', 'main').trim();
  const saves = Array.from({ length: 40 }, (_, i) => {
    const app = apps[i % apps.length];
    const { text, revision } = starting[i % apps.length];
    return fetch(`${bases[i % 2]}/api/apps/${app}/values/values-stage.yaml`, {
      method: 'PUT',
      headers: priya,
      body: JSON.stringify({ text: `${text}# save ${i}\n`, baseRevision: revision, message: `Save ${i} of ${app}` }),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as { status: string; revision?: string } }));
  });
  const results = await Promise.all(saves);
  const landed = results.filter((r) => r.status === 201);
  // Every save of an app started from the same base: exactly one per app can land, the rest are conflicts.
  expect(landed).toHaveLength(apps.length);
  expect(results.filter((r) => r.status === 409)).toHaveLength(40 - apps.length);

  const log = git(remote, 'log', '--format=%H %P', `${before}..main`).trim().split('\n');
  expect(log).toHaveLength(apps.length);
  expect(log.every((line) => line.split(' ').length === 2)).toBe(true);
  // No dangling objects counted: when two replicas push at the same instant, the remote receives
  // the loser's commit before refusing its ref update (git's own behaviour; gc prunes it).
  expect(git(remote, 'fsck', '--strict', '--no-dangling').trim()).toBe('');
  expect(new Set(landed.map((r) => r.body.revision))).toEqual(new Set(log.map((line) => line.split(' ')[0])));

  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const audited = await db.query(`select details from audit_events where action = 'values.commit'`);
  await db.end();
  const auditedRevisions = audited.rows.map((row: { details: string }) => (JSON.parse(row.details) as { revision: string }).revision);
  expect(auditedRevisions.sort()).toEqual(log.map((line) => line.split(' ')[0]).sort());
});

test('approvals raced on both replicas merge exactly once', async () => {
  const ana = await as('ana.souza@meridiancare.example');
  const current = (await (await fetch(`${bases[0]}/api/apps/patient-portal/values/values-production.yaml`, { headers: ana })).json()) as { text: string; revision: string };
  const opened = await fetch(`${bases[0]}/api/changes`, {
    method: 'POST',
    headers: ana,
    body: JSON.stringify({ app: 'patient-portal', file: 'values-production.yaml', text: `${current.text}# raced\n`, baseRevision: current.revision, message: 'Raced approval' }),
  });
  expect(opened.status).toBe(201);
  const change = (await opened.json()) as { id: number; diffHash: string };
  const before = git(remote, 'rev-parse', 'main').trim();
  const reviewers = ['ben.okafor@meridiancare.example', 'chloe.park@meridiancare.example', 'priya.raman@meridiancare.example', 'marcus.chen@meridiancare.example'];
  const approvals = await Promise.all(
    reviewers.map(async (email, i) =>
      (await fetch(`${bases[i % 2]}/api/changes/${change.id}/approve`, { method: 'POST', headers: await as(email), body: JSON.stringify({ diffHash: change.diffHash }) })).status,
    ),
  );
  expect(approvals.filter((s) => s === 200)).toHaveLength(1);
  expect(approvals.filter((s) => s === 409)).toHaveLength(reviewers.length - 1);
  const merged = git(remote, 'log', '--format=%s|%(trailers:key=Change-request,valueonly)', `${before}..main`).trim().split('\n');
  expect(merged).toEqual([`Raced approval|#${change.id}`]);
  const seen = (await (await fetch(`${bases[1]}/api/changes/${change.id}`, { headers: ana })).json()) as { change: { status: string } };
  expect(seen.change.status).toBe('merged');
});

test('feedback filed through one replica is visible through the other', async () => {
  const ana = await as('ana.souza@meridiancare.example');
  const filed = await fetch(`${bases[0]}/api/feedback`, {
    method: 'POST',
    headers: ana,
    body: JSON.stringify({
      kind: 'app-problem',
      title: 'Stage visits drop after 30 minutes',
      description: 'Worked on Aptible; on GKE the video session ends at 30 minutes.',
      severity: 'degraded',
      workedOnAptible: true,
      context: { app: 'patient-portal', environment: 'stage' },
    }),
  });
  expect(filed.status).toBe(201);
  const { id } = (await filed.json()) as { id: number };
  const seen = await fetch(`${bases[1]}/api/feedback/${id}`, { headers: await as('priya.raman@meridiancare.example') });
  expect(seen.status).toBe(200);
  expect(await seen.json()).toMatchObject({ item: { title: 'Stage visits drop after 30 minutes', app: 'patient-portal', status: 'new', workedOnAptible: true } });
});

test('a replica killed mid-commit leaves no half-written state, and the other keeps serving', async () => {
  const priya = await as('priya.raman@meridiancare.example');
  const { text, revision } = await readFile(bases[0], 'scheduler', priya);
  const inFlight = fetch(`${bases[0]}/api/apps/scheduler/values/values-stage.yaml`, {
    method: 'PUT',
    headers: priya,
    body: JSON.stringify({ text: `${text}# killed\n`, baseRevision: revision, message: 'Interrupted save' }),
  }).catch(() => null);
  await Promise.all([replicas[0].stop('SIGKILL'), inFlight]);
  expect(git(remote, 'fsck', '--strict', '--no-dangling').trim()).toBe('');

  // The survivor serves, and its save lands on whatever the remote has now.
  const save = (from: { text: string; revision: string }) =>
    fetch(`${bases[1]}/api/apps/scheduler/values/values-stage.yaml`, {
      method: 'PUT',
      headers: priya,
      body: JSON.stringify({ text: `${from.text}# after the crash\n`, baseRevision: from.revision, message: 'Save after a replica died' }),
    });
  let saved = await save(await readFile(bases[1], 'scheduler', priya));
  if (saved.status === 409) {
    // The dead replica's save reached the remote first: re-base on it, as a person would.
    const conflict = ((await saved.json()) as { error: { details: { headRevision: string; conflicts: { headText: string }[] } } }).error.details;
    saved = await save({ text: conflict.conflicts[0].headText, revision: conflict.headRevision });
  }
  expect(saved.status).toBe(201);
  expect(git(remote, 'log', '-1', '--format=%s').trim()).toBe('Save after a replica died');
  expect(git(remote, 'fsck', '--strict', '--no-dangling').trim()).toBe('');
});

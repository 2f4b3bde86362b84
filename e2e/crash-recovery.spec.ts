import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { expect, test } from './fixtures';
import { startTestIap, type TestIap } from '../lib/testing/iap';
import { crashRecoveryPort, ownDataDir, mainDataDir } from './ports';
import { type BerthProcess, startBerthProcess } from './berth-process';

// A real Berth process (the production server, its own clone and SQLite database) SIGKILLed while
// people save stage values and approve production changes at once — at several moments — then
// started again: the repository takes saves, git fsck is clean, every commit holds exactly what
// someone chose, and no change request stays "approved" without a merge.
const work = ownDataDir('crash');
const clone = path.join(work, 'config-repo');
const port = crashRecoveryPort;
const base = `http://127.0.0.1:${port}`;
let iap: TestIap;
let server: BerthProcess | undefined;
let output = '';

test.describe.configure({ mode: 'serial' });

const git = (...args: string[]) => execFileSync('git', ['-C', clone, ...args], { encoding: 'utf8' });

async function startBerth(): Promise<void> {
  server = await startBerthProcess({
    port,
    iap,
    env: {
      AUTH_SECRET: 'crash-recovery-secret-0123456789abcdef0123',
      DATABASE_URL: `file:${path.join(work, 'berth.db')}`,
      CONFIG_REPO_DIR: clone,
      CONFIG_REPO_REMOTE: '',
      BERTH_DATA_DIR: work,
      BERTH_SANDBOX: '0',
      KUBECONFIG: path.join(work, 'no-kubeconfig'),
    },
  });
}

/** SIGKILL, keeping what the killed process printed (the record of the run counts its lines). */
async function killBerth(): Promise<void> {
  if (!server) return;
  await server.stop('SIGKILL');
  output += server.output();
  server = undefined;
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  iap = await startTestIap();
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  execFileSync('git', ['clone', '--quiet', '--no-local', path.join(mainDataDir, 'config-repo'), clone]);
  await startBerth();
});

test.afterAll(async () => {
  await killBerth();
  await iap?.close();
});

async function as(email: string) {
  return { 'x-goog-iap-jwt-assertion': await iap.token({ email }), 'content-type': 'application/json' };
}

const STAGE_APPS = ['patient-portal', 'provider-api', 'notifications', 'care-admin', 'scheduler', 'intake-forms', 'billing-sync', 'berth'];
const REQUEST_APPS = ['patient-portal', 'notifications', 'intake-forms'];
const PRIYA = 'priya.raman@meridiancare.example';
const ANA = 'ana.souza@meridiancare.example';
const BEN = 'ben.okafor@meridiancare.example';

async function readValues(app: string, file: string, email = PRIYA) {
  const response = await fetch(`${base}/api/apps/${app}/values/${file}`, { headers: await as(email) });
  expect(response.status).toBe(200);
  return (await response.json()) as { text: string; revision: string };
}


test('Berth killed mid-way through saves and approvals, three times: every restart heals, nothing half-done remains', async () => {
  test.setTimeout(420_000);
  const start = git('rev-parse', 'main').trim();
  /** What each commit may hold: its subject → the one file and the exact text someone chose. */
  const chosen = new Map<string, { file: string; text: string }>();
  const requestIds: number[] = [];
  const rounds: string[] = [];
  const run = randomBytes(3).toString('hex');
  // Three moments of the storm of 11 requests: when the first answer comes back, when 4 have, when 8 have.
  const killWhen = [1, 4, 8];
  for (let round = 0; round < killWhen.length; round++) {
    // Open the change requests the approvals will merge (before the storm, on the live server).
    const requests: { id: number; diffHash: string }[] = [];
    for (const app of REQUEST_APPS) {
      const current = await readValues(app, 'values-production.yaml', ANA);
      const title = `Crash ${run} round ${round} request ${app}`;
      const text = `${current.text}# ${title}\n`;
      chosen.set(title, { file: `apps/${app}/values-production.yaml`, text });
      const opened = await fetch(`${base}/api/changes`, {
        method: 'POST',
        headers: await as(ANA),
        body: JSON.stringify({ app, file: 'values-production.yaml', text, baseRevision: current.revision, message: title }),
      });
      expect(opened.status, await opened.clone().text()).toBe(201);
      const change = (await opened.json()) as { id: number; diffHash: string };
      requests.push(change);
      requestIds.push(change.id);
    }
    const stage = await Promise.all(STAGE_APPS.map((app) => readValues(app, 'values-stage.yaml')));
    const [priya, ben] = [await as(PRIYA), await as(BEN)];

    // The storm: eight stage saves and three approvals at once.
    let answered = 0;
    const saves = STAGE_APPS.map(async (app, i) => {
      const subject = `Crash ${run} round ${round} save ${app}`;
      const text = `${stage[i].text}# ${subject}\n`;
      chosen.set(subject, { file: `apps/${app}/values-stage.yaml`, text });
      const response = await fetch(`${base}/api/apps/${app}/values/values-stage.yaml`, {
        method: 'PUT',
        headers: priya,
        body: JSON.stringify({ text, baseRevision: stage[i].revision, message: subject }),
      }).catch(() => null);
      answered++;
      return response?.status ?? 0;
    });
    const approvals = requests.map(async (change) => {
      const response = await fetch(`${base}/api/changes/${change.id}/approve`, {
        method: 'POST',
        headers: ben,
        body: JSON.stringify({ diffHash: change.diffHash }),
      }).catch(() => null);
      answered++;
      return response?.status ?? 0;
    });
    await expect.poll(() => answered, { timeout: 60_000, intervals: [5] }).toBeGreaterThanOrEqual(killWhen[round]);
    const answeredBeforeKill = answered;
    await killBerth();
    const statuses = await Promise.all([...saves, ...approvals]);
    rounds.push(`round ${round}: killed after ${answeredBeforeKill} of 11 answers (saves, then approvals: ${statuses.join(' ')})`);
    // Whatever answered before the kill answered properly; the rest got no answer at all.
    const serverErrors = output.split('\n').filter((line) => /"level":(50|60)/.test(line));
    expect(statuses.every((s) => [0, 200, 201, 409].includes(s)), `${statuses.join()}\n${serverErrors.slice(-5).join('\n')}`).toBe(true);

    if (round === 1) {
      // What the old code could leave behind: never-validated text staged in the clone.
      fs.appendFileSync(path.join(clone, 'apps/billing-sync/values-production.yaml'), 'replicas: 40 # never validated\n');
      git('add', 'apps/billing-sync/values-production.yaml');
    }
    await startBerth();

    // The repository accepts a save at once (the clone is healed before the write).
    const after = await readValues('scheduler', 'values-stage.yaml');
    const subject = `Crash ${run} round ${round} save after restart`;
    const text = `${after.text}# ${subject}\n`;
    chosen.set(subject, { file: 'apps/scheduler/values-stage.yaml', text });
    const saved = await fetch(`${base}/api/apps/scheduler/values/values-stage.yaml`, {
      method: 'PUT',
      headers: await as(PRIYA),
      body: JSON.stringify({ text, baseRevision: after.revision, message: subject }),
    });
    expect(saved.status, await saved.clone().text()).toBe(201);
    expect(git('status', '--porcelain')).toBe('');
    execFileSync('git', ['-C', clone, 'fsck', '--strict', '--no-dangling'], { stdio: 'pipe' });
    const ready = (await (await fetch(`${base}/api/readyz`)).json()) as { checks: { configRepository: { status: string } } };
    expect(ready.checks.configRepository.status).toBe('ok');
  }

  // No request is left approved: each is merged (once) or back where people can act on it.
  for (const id of requestIds) {
    await expect
      .poll(
        async () => {
          const response = await fetch(`${base}/api/changes/${id}`, { headers: await as(ANA) });
          return ((await response.json()) as { change: { status: string } }).change.status;
        },
        { timeout: 60_000, message: `change request #${id} is still approved` },
      )
      .not.toBe('approved');
  }

  // What the kills interrupted, as the restarted processes logged it (for the record of the run).
  const printed = output + (server?.output() ?? '');
  const count = (text: string) => printed.split('\n').filter((line) => line.includes(text)).length;
  console.log(
    [...rounds, `heals that discarded something: ${count('healed the config repository clone')}; stale locks removed: ${count('removed a stale git lock')}; requests finished by recovery: ${count('left approved by a merge that stopped')}`].join('\n'),
  );

  // Every commit since the start holds exactly the file and text someone chose.
  const commits = git('log', '--first-parent', '--format=%H', `${start}..main`).trim().split('\n').filter(Boolean);
  expect(commits.length).toBeGreaterThan(3);
  const merges = new Map<number, number>();
  for (const commit of commits) {
    const subject = git('log', '-1', '--format=%s', commit).trim();
    const expected = chosen.get(subject);
    expect(expected, `an unexpected commit: ${subject}`).toBeDefined();
    expect(git('diff-tree', '--no-commit-id', '--name-only', '-r', commit).trim()).toBe(expected!.file);
    expect(git('show', `${commit}:${expected!.file}`)).toBe(expected!.text);
    const request = git('log', '-1', '--format=%(trailers:key=Change-request,valueonly)', commit).trim();
    if (request) merges.set(Number(request.slice(1)), (merges.get(Number(request.slice(1))) ?? 0) + 1);
  }
  for (const id of requestIds) {
    const { change } = (await (await fetch(`${base}/api/changes/${id}`, { headers: await as(ANA) })).json()) as { change: { status: string; mergedRevision: string | null } };
    expect(merges.get(id) ?? 0, `commits for #${id} (${change.status})`).toBe(change.status === 'merged' ? 1 : 0);
    if (change.status === 'merged') expect(commits).toContain(change.mergedRevision);
  }
});

test('a 20,000-key values file is refused by its limit while health checks keep answering; control characters are refused at their line', async () => {
  const current = await readValues('scheduler', 'values-stage.yaml');
  // 20,000 keys in 189 kB, like the file that once froze a replica for 25 s.
  const huge = `${current.text}${Array.from({ length: 20_000 }, (_, i) => `k${i}: 1`).join('\n')}\n`;
  let slowest = 0;
  let probes = 0;
  let saving = true;
  const probing = (async () => {
    while (saving) {
      const started = performance.now();
      const health = await fetch(`${base}/api/healthz`);
      expect(health.status).toBe(200);
      slowest = Math.max(slowest, performance.now() - started);
      probes++;
    }
  })();
  const response = await fetch(`${base}/api/apps/scheduler/values/values-stage.yaml`, {
    method: 'PUT',
    headers: await as(PRIYA),
    body: JSON.stringify({ text: huge, baseRevision: current.revision, message: 'Twenty thousand keys' }),
  });
  saving = false;
  await probing;
  console.log(`20,000-key save answered ${response.status}; ${probes} health checks meanwhile, the slowest in ${slowest.toFixed(0)} ms`);
  expect(response.status).toBe(400);
  const body = (await response.json()) as { error: { code: string; details: { problems: { code: string; line: number; message: string }[] } } };
  expect(body.error.code).toBe('invalid');
  const [tooMany] = body.error.details.problems;
  expect(tooMany).toMatchObject({ code: 'too-many-keys', message: expect.stringContaining('more than 10,000 keys') });
  expect(tooMany.line).toBeGreaterThan(current.text.split('\n').length);
  // The bound that matters to GKE: its load balancer's health check gives up after 5 s (the file
  // that froze a replica held it 25 s). Typically the slowest is a few hundred ms; the margin is
  // for a CI machine busy with other work, where any request may wait for a core.
  expect(probes).toBeGreaterThan(0);
  expect(slowest).toBeLessThan(5_000);

  const withNul = `${current.text}# pasted from a terminal: \u0000\n`;
  const refused = await fetch(`${base}/api/apps/scheduler/values/values-stage.yaml`, {
    method: 'PUT',
    headers: await as(PRIYA),
    body: JSON.stringify({ text: withNul, baseRevision: current.revision, message: 'NUL' }),
  });
  expect(refused.status).toBe(400);
  const problems = ((await refused.json()) as { error: { details: { problems: { code: string; line: number }[] } } }).error.details.problems;
  expect(problems[0]).toMatchObject({ code: 'control-character', line: current.text.split('\n').length });
  expect(git('log', '-1', '--format=%s').trim()).not.toMatch(/Twenty thousand keys|NUL/);
  expect(git('status', '--porcelain')).toBe('');
});

test('a branch pointing at a missing commit: readiness fails with the reason, pages and the API say the repository cannot be read, and all recovers once it is repaired', async ({ browser }) => {
  const ref = path.join(clone, '.git', 'refs', 'heads', 'main');
  const head = fs.readFileSync(ref, 'utf8');
  const missing = 'dead'.repeat(10);
  const context = await browser.newContext({ extraHTTPHeaders: { 'x-goog-iap-jwt-assertion': await iap.token({ email: PRIYA }) } });
  const page = await context.newPage();
  fs.writeFileSync(ref, `${missing}\n`);
  try {
    // 503: Berth cannot serve without its config repository (a cluster it cannot reach is only "degraded").
    const ready = await fetch(`${base}/api/readyz`);
    expect(ready.status).toBe(503);
    const checks = ((await ready.json()) as { checks: Record<string, { status: string; error?: string }> }).checks;
    expect(checks.configRepository).toMatchObject({ status: 'down', error: expect.stringContaining(`points at commit ${missing.slice(0, 12)}, which is not in the repository`) });

    const api = await fetch(`${base}/api/apps/patient-portal`, { headers: await as(PRIYA) });
    expect(api.status).toBe(503);
    expect(((await api.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'unavailable', message: expect.stringContaining('cannot be read') });
    const save = await fetch(`${base}/api/apps/patient-portal/values/values-stage.yaml`, {
      method: 'PUT',
      headers: await as(PRIYA),
      body: JSON.stringify({ text: 'replicas: 1\n', baseRevision: head.trim(), message: 'Save into a broken repository' }),
    });
    expect(save.status).toBe(503);

    for (const url of ['/apps', '/apps/patient-portal']) {
      await page.goto(`${base}${url}`);
      await expect(page.getByRole('heading', { level: 1, name: 'The config repository cannot be read' })).toBeVisible();
      await expect(page.getByText('There is no app called')).toHaveCount(0);
    }
  } finally {
    fs.writeFileSync(ref, head);
  }
  await expect
    .poll(async () => ((await (await fetch(`${base}/api/readyz`)).json()) as { checks: { configRepository: { status: string } } }).checks.configRepository.status, { timeout: 30_000 })
    .toBe('ok');
  await page.goto(`${base}/apps/patient-portal`);
  await expect(page.getByRole('heading', { level: 1, name: /patient-portal/ })).toBeVisible();
  await context.close();
});

import { defineConfig, devices } from '@playwright/test';
import { mainPort as port } from './e2e/ports';

// Browser tests run against the real stack (`scripts/start.mjs`): a production build of Berth,
// the sandbox cluster and log servers, and a fresh data directory with a seeded sandbox.
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/playwright-artifacts',
  fullyParallel: false,
  // Two spec files at a time: on 2 cores the whole run went from 6.4 to 4.6–5.0 min, with the CPU
  // ~94 % busy (vmstat). Specs own their data (fixtures/index.ts) and their servers' ports and
  // folders (ports.ts). E2E_WORKERS=1 runs them one by one.
  workers: Number(process.env.E2E_WORKERS) || 2,
  retries: 0,
  // A guard against a hung test, not a speed check (speed is measured in bench/): specs wait up to
  // 45 s for what a busy machine makes slow (a rollout, a cutover window, a log line), so a test
  // gets room for that wait and the steps around it. A run on a loaded machine failed at 60 s
  // while the cutover window was in its last second.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    // People who ask their system for less motion get no pulsing dots or skeletons; the tests ask
    // too. On this 2-core machine Chromium draws in software: an app page's pulsing "Live" dot kept
    // it at ~17 % of a core while idle, ~7 % with it still (measured over 10 s, twice each).
    reducedMotion: 'reduce',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  webServer: {
    command: `node scripts/start.mjs --port ${port} --data-dir .data/e2e --fresh --seed 42 --time-scale 20`,
    url: `http://127.0.0.1:${port}/api/healthz`,
    reuseExistingServer: false,
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    timeout: 240_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});

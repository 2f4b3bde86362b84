#!/usr/bin/env node
// The sandbox Envoy's /stats/prometheus is checked by promtool from Debian's prometheus package
// (sandbox/envoy-admin/server.test.ts), never a downloaded binary.
import { execFileSync, spawnSync } from 'node:child_process';

const found = spawnSync('promtool', ['--version'], { stdio: 'ignore' });
if (found.error || found.status !== 0) {
  if (process.getuid?.() === 0) {
    console.log('Installing promtool for the metrics format test (apt-get install -y prometheus)…');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'prometheus'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  } else {
    console.error('The metrics format test needs promtool from Debian\'s prometheus package. Run: sudo apt-get install -y prometheus');
    process.exit(1);
  }
}

#!/usr/bin/env node
// The browser tests drive Debian's Chromium, never a downloaded browser.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const chromium = '/usr/bin/chromium';
if (!fs.existsSync(chromium)) {
  if (process.getuid?.() === 0) {
    console.log('Installing Debian\'s Chromium for the browser tests (apt-get install -y chromium)…');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  } else {
    console.error('The browser tests need Debian\'s Chromium. Run: sudo apt-get install -y chromium');
    process.exit(1);
  }
}

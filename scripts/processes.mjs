// A tiny process supervisor for `npm start` and the test servers: start several processes,
// prefix their output, and stop them all together on Ctrl-C, SIGTERM, or when one of them dies.
import { spawn } from 'node:child_process';

const children = new Set();
let stopping = false;

export function startProcess(name, command, args, { env = {}, cwd = process.cwd(), onExit } = {}) {
  handleSignals();
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Same process group as the launcher: a group kill of the launcher (Ctrl-C, a test runner) reaches them too.
  });
  children.add(child);
  const prefix = `[${name}] `;
  for (const stream of [child.stdout, child.stderr]) {
    let pending = '';
    stream.on('data', (chunk) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) process.stdout.write(prefix + line + '\n');
    });
  }
  child.on('exit', (code, signal) => {
    children.delete(child);
    if (onExit) onExit(code, signal);
    else if (!stopping) {
      console.error(`${prefix}exited (${signal ?? code}); stopping everything.`);
      stopAll(code || 1);
    }
  });
  return child;
}

export function stopAll(exitCode = 0) {
  if (stopping) return;
  stopping = true;
  for (const child of children) signalChild(child, 'SIGTERM');
  const deadline = setTimeout(() => {
    for (const child of children) signalChild(child, 'SIGKILL');
    process.exit(exitCode);
  }, 10_000);
  deadline.unref();
  const poll = setInterval(() => {
    if (children.size === 0) {
      clearInterval(poll);
      process.exit(exitCode);
    }
  }, 50);
}

function signalChild(child, signal) {
  try {
    child.kill(signal);
  } catch {
    // already gone
  }
}

// Installed by the first supervised process only: a script that merely uses run() keeps its own signals.
let handlingSignals = false;
function handleSignals() {
  if (handlingSignals) return;
  handlingSignals = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stopAll(0));
}

/** Run a command to completion, inheriting the terminal. Resolves with its exit code. */
export function run(command, args, { env = {}, cwd = process.cwd() } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: 'inherit' });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/**
 * Like run(), but the output is kept and handed back whole, so steps that run side by side do
 * not interleave their lines.
 */
export function runQuietly(command, args, { env = {}, cwd = process.cwd() } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks = [];
    child.stdout.on('data', (chunk) => chunks.push(chunk));
    child.stderr.on('data', (chunk) => chunks.push(chunk));
    child.on('exit', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output: Buffer.concat(chunks).toString() }));
  });
}

/** Wait until an HTTP URL answers (any status). */
export async function waitForHttp(url, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(2000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

// Checks shell commands Berth tells engineers to run with the real CLIs installed on this machine:
// kubectl against the sandbox kube API server (dry runs, reads, objects that must exist) and with
// `--help` for its flag parser; gcloud with `gcloud … --help` for every group, command and flag.
// Neither needs the network. Help texts are cached, lookups run a few at a time.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { tokenizeCommandLine } from '@/lib/guides/translate-command';

const run = promisify(execFile);

export type CliResult = { code: number; stdout: string; stderr: string };

export async function runCli(program: string, args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(program, args, { env, timeout: 60_000, maxBuffer: 8 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; code?: number | string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? String(error) };
  }
}

/** At most `limit` promises at a time, results in input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  async function worker() {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** A simple command of a shell line: its program and words, with `$(…)` subshells pulled out. */
export type SimpleCommand = { program: string; words: string[]; source: string };

/** Splits `a && b | c; d` (outside quotes) and pulls `"$(…)"` subshells out as commands of their own. */
export function simpleCommands(line: string): SimpleCommand[] {
  const found: SimpleCommand[] = [];
  // Subshells first: each is checked on its own, and stands as one word in its parent.
  const withoutSubshells = line.replace(/"?\$\(([^()]*)\)"?/g, (_match, inner: string) => {
    found.push(...simpleCommands(inner));
    return 'SUBSHELL';
  });
  let current = '';
  let quote: string | null = null;
  const parts: string[] = [];
  for (let i = 0; i < withoutSubshells.length; i += 1) {
    const ch = withoutSubshells[i];
    if (quote) {
      if (ch === quote) quote = null;
      current += ch;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      current += ch;
      continue;
    }
    const two = withoutSubshells.slice(i, i + 2);
    if (two === '&&' || two === '||') {
      parts.push(current);
      current = '';
      i += 1;
      continue;
    }
    if (ch === '|' || ch === ';') {
      parts.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  parts.push(current);
  for (const part of parts) {
    const { tokens } = tokenizeCommandLine(part.trim());
    if (tokens.length > 0) found.push({ program: tokens[0], words: tokens.slice(1), source: part.trim() });
  }
  return found;
}

/** A word that stands for something the reader fills in: POD_NAME, <TARGET>, SUBSHELL. */
export function isPlaceholderWord(word: string): boolean {
  return /<[A-Z_]+>/.test(word) || /^[A-Z][A-Z0-9_]*$/.test(word) || word.includes('SUBSHELL');
}

// ---------------------------------------------------------------------------------------------
// gcloud

export type GcloudCommand = { path: string[]; positionals: string[]; flags: string[] };

const helpCache = new Map<string, Promise<CliResult>>();

/**
 * `gcloud … --help` takes about a second a call, so help texts are also kept on disk for the
 * installed gcloud version: a rerun reads them back instead of starting gcloud again.
 */
let diskCache: { dir: string; version: string } | null = null;

export async function useGcloudHelpDiskCache(dir: string, env: NodeJS.ProcessEnv): Promise<void> {
  const version = (await runCli('gcloud', ['version', '--format=value(core)'], env)).stdout.trim() || 'unknown';
  await mkdir(dir, { recursive: true });
  diskCache = { dir, version };
}

async function helpFromDisk(path: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  const file = diskCache ? join(diskCache.dir, `${diskCache.version}-${createHash('sha256').update(path.join(' ')).digest('hex').slice(0, 24)}.json`) : null;
  if (file) {
    try {
      return JSON.parse(await readFile(file, 'utf8')) as CliResult;
    } catch {
      // Not cached yet: ask gcloud.
    }
  }
  const result = await runCli('gcloud', [...path, '--help'], env);
  const cleaned = { ...result, stdout: result.stdout.replace(/\x1b\[[0-9;]*m/g, '') };
  if (file) await writeFile(file, JSON.stringify(cleaned));
  return cleaned;
}

function gcloudHelp(path: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  const key = path.join(' ');
  let cached = helpCache.get(key);
  if (!cached) {
    cached = helpFromDisk(path, env);
    helpCache.set(key, cached);
  }
  return cached;
}

/** Flag names a gcloud help text documents (its own and the gcloud-wide ones). */
function documentedFlags(help: string): Set<string> {
  return new Set([...help.matchAll(/--(?:\[no-\])?([a-z][a-z0-9-]*)/g)].flatMap((m) => [`--${m[1]}`, `--no-${m[1]}`]));
}

/**
 * Resolves `gcloud w1 w2 …` to a command (not a group) with `--help`, and checks every flag is one
 * that command documents. Returns a list of problems, empty when the command is right.
 */
export async function checkGcloud(words: string[], env: NodeJS.ProcessEnv): Promise<string[]> {
  const flags = words.filter((w) => w.startsWith('-')).map((w) => w.split('=')[0]);
  const plain = words.filter((w) => !w.startsWith('-'));
  const path: string[] = [];
  for (const word of plain) {
    path.push(word);
    const help = await gcloudHelp(path, env);
    if (help.code !== 0) return [`gcloud ${path.join(' ')}: ${help.stderr.split('\n')[0]}`];
    const synopsis = /SYNOPSIS\s+([\s\S]*?)\n\n/.exec(help.stdout)?.[1] ?? '';
    // A group's synopsis ends its path with GROUP or a bare COMMAND (`gcloud help [COMMAND ...]` is a command).
    if (/\bGROUP\b|(^|\s)COMMAND(\s|$)/.test(synopsis)) continue;
    const known = documentedFlags(help.stdout);
    return flags.filter((flag) => !known.has(flag)).map((flag) => `gcloud ${path.join(' ')} has no flag ${flag}`);
  }
  return [`gcloud ${path.join(' ')} is a group, not a command`];
}

// ---------------------------------------------------------------------------------------------
// kubectl

/** Whether kubectl's help fell back to a command group (`kubectl rollout SUBCOMMAND`): a mistyped subcommand. */
function isGroupUsage(help: string): boolean {
  const usage = /Usage:\s*\n\s*kubectl ([^\n]*)/.exec(help)?.[1] ?? '';
  return /SUBCOMMAND|\[command\]/.test(usage) && !/^help\b/.test(usage);
}

/**
 * kubectl's own parser: the command with `--help` must resolve to a real subcommand and accept every
 * flag and flag value (cobra rejects an unknown flag, or an int flag given a word, even with --help).
 * Placeholders the reader fills in stand as 1; words after `--` go to the container.
 */
export async function checkKubectlSyntax(words: string[], env: NodeJS.ProcessEnv): Promise<string[]> {
  const dashDash = words.indexOf('--');
  const own = (dashDash === -1 ? words : words.slice(0, dashDash)).map((w) => w.replace(/<[A-Z_]+>/g, '1'));
  const result = await runCli('kubectl', [...own, '--help'], env);
  if (result.code !== 0) return [`kubectl ${own.join(' ')}: ${result.stderr.split('\n')[0]}`];
  if (isGroupUsage(result.stdout)) return [`kubectl ${own.filter((w) => !w.startsWith('-')).slice(0, 3).join(' ')} is not a kubectl command`];
  return [];
}

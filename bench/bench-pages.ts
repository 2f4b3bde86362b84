// 6. Pages: the JavaScript each route of the production build loads on a first visit, gzipped —
//    the framework's shared chunks (build-manifest rootMainFiles) plus the chunks of the route's
//    layouts, boundaries and page (entryJSFiles of its client reference manifest) — against the
//    shared chunks alone.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import zlib from 'node:zlib';
import { onCleanup } from './cleanup';
import { kb, type Row, type SectionResult } from './report';

export interface PagesBenchOptions {
  /** Build when there is no production build (full run); otherwise skip. */
  buildIfMissing: boolean;
}

const DIST = '.next';
const TARGET_BYTES = 150 * 1024;
const EXEMPT = '/apps/[app]/values/[env]';
const SOURCES = ['app', 'components', 'lib', 'content', 'public', 'next.config.js', 'package-lock.json', 'postcss.config.mjs', 'tsconfig.json'];

function newestSource(root: string, entries: string[]): number {
  let newest = 0;
  const visit = (target: string) => {
    if (!fs.existsSync(target)) return;
    const stat = fs.statSync(target);
    if (!stat.isDirectory()) newest = Math.max(newest, stat.mtimeMs);
    else for (const name of fs.readdirSync(target)) if (!name.startsWith('.')) visit(path.join(target, name));
  };
  for (const entry of entries) visit(path.join(root, entry));
  return newest;
}

async function build(root: string, log: (line: string) => void): Promise<void> {
  log('pages: no production build — running next build (a few minutes on 2 cores)');
  const child = spawn(process.execPath, [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], { cwd: root, env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = onCleanup('next build', () => {
    if (child.exitCode === null) child.kill('SIGTERM');
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  await stop();
  if (code !== 0) throw new Error(`next build failed (${code}): ${output.split('\n').slice(-8).join(' / ')}`);
}

function entryFiles(root: string, entry: string): string[] {
  const file = path.join(root, DIST, 'server', 'app', `${entry}_client-reference-manifest.js`);
  const context: { globalThis?: unknown; __RSC_MANIFEST?: Record<string, { entryJSFiles?: Record<string, string[]> }> } = {};
  context.globalThis = context;
  vm.runInNewContext(fs.readFileSync(file, 'utf8'), context, { filename: file, timeout: 5_000 });
  const manifest = context.__RSC_MANIFEST?.[entry];
  if (!manifest) throw new Error(`${file} has no manifest for ${entry}`);
  return [...new Set(Object.values(manifest.entryJSFiles ?? {}).flat())];
}

export async function benchPages(options: PagesBenchOptions, log: (line: string) => void): Promise<SectionResult> {
  const root = process.cwd();
  const buildId = path.join(root, DIST, 'BUILD_ID');
  // A colleague's build may be writing .next right now: wait for it rather than build over it.
  const dist = path.join(root, DIST);
  if (!fs.existsSync(buildId) && fs.existsSync(dist) && Date.now() - fs.statSync(dist).mtimeMs < 10 * 60_000) {
    log('pages: .next changed in the last minutes and has no BUILD_ID yet — waiting up to 5 minutes for that build');
    const deadline = Date.now() + 5 * 60_000;
    while (!fs.existsSync(buildId) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
  if (!fs.existsSync(buildId)) {
    if (!options.buildIfMissing) {
      return { rows: [{ section: '6', measure: 'first-load JS per route', berth: 'skipped', baseline: '—', ratio: '—', target: `≤ ${TARGET_BYTES / 1024} kB gz` }], raw: { skipped: 'no production build' }, notes: ['6: skipped in --quick: there is no production build in .next (npm run build, or the full bench, makes one).'] };
    }
    await build(root, log);
  }
  const builtAt = fs.statSync(buildId).mtimeMs;
  const stale = newestSource(root, SOURCES) > builtAt;
  const buildManifest = JSON.parse(fs.readFileSync(path.join(root, DIST, 'build-manifest.json'), 'utf8')) as { rootMainFiles: string[] };
  const routes = JSON.parse(fs.readFileSync(path.join(root, DIST, 'app-path-routes-manifest.json'), 'utf8')) as Record<string, string>;
  const gzipped = new Map<string, number>();
  const size = (files: string[]) =>
    files.reduce((n, file) => {
      let bytes = gzipped.get(file);
      if (bytes === undefined) {
        bytes = zlib.gzipSync(fs.readFileSync(path.join(root, DIST, file)), { level: 9 }).length;
        gzipped.set(file, bytes);
      }
      return n + bytes;
    }, 0);
  const shared = size(buildManifest.rootMainFiles);
  const pages = Object.entries(routes)
    .filter(([entry, route]) => entry.endsWith('/page') && !route.startsWith('/_'))
    .map(([entry, route]) => {
      const files = [...new Set([...buildManifest.rootMainFiles, ...entryFiles(root, entry)])];
      return { route, files: files.length, bytes: size(files) };
    })
    .sort((a, b) => a.route.localeCompare(b.route));
  log(`pages: ${pages.length} routes in the build of ${new Date(builtAt).toISOString()}${stale ? ' (older than the sources)' : ''}`);
  const rows: Row[] = pages.map((p) => {
    const exempt = p.route === EXEMPT;
    return {
      section: '6',
      measure: `first-load JS ${p.route}`,
      berth: `${kb(p.bytes)} gz`,
      baseline: `${kb(shared)} (framework)`,
      ratio: `+${kb(p.bytes - shared)}`,
      target: exempt ? 'exempt (lazy editor)' : `≤ ${TARGET_BYTES / 1024} kB`,
      met: exempt ? undefined : p.bytes <= TARGET_BYTES,
    };
  });
  return {
    rows,
    raw: { builtAt: new Date(builtAt).toISOString(), staleBuild: stale, sharedBytes: shared, pages },
    notes: [
      `6: production build in .next from ${new Date(builtAt).toISOString()}${stale ? ' — OLDER than some sources (the bench does not rebuild under colleagues\' running servers; run npm run build first for current figures)' : ''}; first load = rootMainFiles + every entryJSFiles chunk of the route's client reference manifest (layouts, error/not-found boundaries, page), each gzipped at level 9; polyfills (nomodule) and chunks loaded later with import() excluded. Checked once against the script tags next start serves for /signin: the same chunks plus the nomodule polyfill.`,
    ],
  };
}

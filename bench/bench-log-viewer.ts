// 5b. The logs viewer's list with 50,000 lines in Chromium: time until the first rows are painted,
//     and long tasks (PerformanceObserver 'longtask') while the reader scrolls up through them
//     with the mouse wheel and drags to the top. The logs page loads 500 lines a page (a follow
//     caps at 50,000), so the list component is measured on its own page — bundled with esbuild,
//     styled with the app's real Tailwind CSS — against the same rows rendered without
//     virtualization.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { onCleanup } from './cleanup';
import { ms, type SectionResult, speedup } from './report';

export interface LogViewerBenchOptions {
  lines: number;
  wheelSteps: number;
  /** Also render the non-virtualized baseline (slow by design). */
  baseline: boolean;
}

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const LONG_TASK_TARGET = 0;
/** Pixels per wheel event, one event per frame: about ten rows a frame, a fast but ordinary scroll. */
const WHEEL_PX = 240;

interface ModeResult {
  firstRowsMs: number;
  rowsInDom: number;
  scroll: { longTasks: number; longTaskMs: number; worstTaskMs: number; taskMs: number[]; frames: number; slowFrames: number; worstFrameMs: number; scrolledPx: number };
}

async function bundleHarness(): Promise<{ script: string; css: string }> {
  const esbuild = await import('esbuild');
  const root = process.cwd();
  const built = await esbuild.build({
    entryPoints: [path.join(root, 'bench', 'log-viewer-harness', 'harness.tsx')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    jsx: 'automatic',
    alias: { '@': root },
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const postcss = (await import('postcss')).default;
  const tailwind = (await import('@tailwindcss/postcss')).default;
  const source = fs.readFileSync(path.join(root, 'app', 'globals.css'), 'utf8');
  const css = await postcss([tailwind({ base: root })]).process(source, { from: path.join(root, 'app', 'globals.css') });
  return { script: built.outputFiles[0].text, css: css.css };
}

export async function benchLogViewer(options: LogViewerBenchOptions, log: (line: string) => void): Promise<SectionResult> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing (Debian's chromium package)`);
  log('viewer: bundling the list component and the app CSS');
  const { script, css } = await bundleHarness();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-bench-viewer-'));
  const html = path.join(dir, 'index.html');
  fs.writeFileSync(html, `<!doctype html><html><head><meta charset="utf-8"><style>${css}</style></head><body class="p-8"><div id="root"></div><script>${script}</script></body></html>`);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const closeBrowser = onCleanup('chromium', async () => {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  try {
    const run = async (mode: 'virtual' | 'plain'): Promise<ModeResult> => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      try {
        await page.goto(`file://${html}`);
        const rendered = await page.evaluate(({ mode: m, count }) => window.harness.render(m, count), { mode, count: options.lines });
        const region = page.getByRole('region', { name: 'Log lines' });
        const box = await region.boundingBox();
        if (!box) throw new Error('the log list has no box');
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        const tasksBefore = (await page.evaluate(() => window.harness.longTasks())).length;
        const startTop = await region.evaluate((el) => el.scrollTop);
        await page.evaluate(() => window.harness.startFrames());
        // The reader scrolls up with the wheel, a frame at a time…
        for (let i = 0; i < options.wheelSteps; i++) {
          await page.mouse.wheel(0, -WHEEL_PX);
          await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));
        }
        // …then drags the scrollbar to the middle and to the top.
        for (const fraction of [0.5, 0]) {
          await region.evaluate((el, f) => {
            el.scrollTop = (el.scrollHeight - el.clientHeight) * f;
          }, fraction);
          await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
        }
        await page.evaluate(() => window.harness.stopFrames());
        const scrolledPx = startTop - (await region.evaluate((el) => el.scrollTop));
        const tasks = (await page.evaluate(() => window.harness.longTasks())).slice(tasksBefore);
        const frames = await page.evaluate(() => window.harness.frames());
        const gaps = frames.slice(1).map((t, i) => t - frames[i]);
        return {
          ...rendered,
          scroll: {
            longTasks: tasks.length,
            longTaskMs: tasks.reduce((n, t) => n + t.duration, 0),
            worstTaskMs: Math.max(0, ...tasks.map((t) => t.duration)),
            taskMs: tasks.map((t) => Math.round(t.duration)),
            frames: frames.length,
            slowFrames: gaps.filter((g) => g > 50).length,
            worstFrameMs: Math.max(0, ...gaps),
            scrolledPx,
          },
        };
      } finally {
        await page.close();
      }
    };
    log(`viewer: ${options.lines.toLocaleString('en-US')} lines, virtualized list`);
    const virtual = await run('virtual');
    let plain: ModeResult | undefined;
    if (options.baseline) {
      log(`viewer: ${options.lines.toLocaleString('en-US')} lines, plain list (baseline)`);
      plain = await run('plain');
    }
    const first = plain ? speedup(virtual.firstRowsMs, plain.firstRowsMs) : undefined;
    return {
      rows: [
        { section: '5', measure: `viewer ${(options.lines / 1000).toFixed(0)}k lines: time to first rows`, berth: ms(virtual.firstRowsMs), baseline: plain ? `${ms(plain.firstRowsMs)} (not virtualized)` : 'skipped', ratio: first?.text ?? '—', target: '—' },
        {
          section: '5',
          measure: 'viewer: long tasks while scrolling',
          berth: `${virtual.scroll.longTasks} (${ms(virtual.scroll.longTaskMs)})`,
          baseline: plain ? `${plain.scroll.longTasks} (${ms(plain.scroll.longTaskMs)})` : 'skipped',
          ratio: '—',
          target: `${LONG_TASK_TARGET} long tasks`,
          met: virtual.scroll.longTasks <= LONG_TASK_TARGET,
        },
        {
          section: '5',
          measure: 'viewer: worst frame while scrolling',
          berth: `${ms(virtual.scroll.worstFrameMs)} (${virtual.scroll.slowFrames} > 50 ms)`,
          baseline: plain ? `${ms(plain.scroll.worstFrameMs)} (${plain.scroll.slowFrames} > 50 ms)` : 'skipped',
          ratio: '—',
          target: '—',
        },
      ],
      raw: { lines: options.lines, virtual, plain },
      notes: [
        `5b: Chromium ${browser.version()} headless (${CHROMIUM}), 1280×800; the list in components/logs/log-list.tsx as the working tree has it, with the app's Tailwind CSS; ${options.wheelSteps} wheel steps of ${WHEEL_PX} px (one a frame) up from the newest line, then jumps to the middle and the top. Long tasks and frames are counted from the first wheel step to the last jump. The logs page itself is not driven: it loads pages of entries from the API, and reaching 50,000 lines would take 100 "Load older" clicks against a sandbox that keeps 5,000 lines per container.`,
      ],
    };
  } finally {
    await closeBrowser();
  }
}

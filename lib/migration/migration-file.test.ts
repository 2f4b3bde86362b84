import { describe, expect, it } from 'vitest';
import { isAtLeast, parseMigrationFile } from './migration-file';

const CUTOVER = `state: cutover
gkeShare: 15
validatedInStage:
  by: dmitri.volkov@meridiancare.example
  at: 2026-11-06
cutover:
  envoyAdmin: http://edge-proxy-admin.meridian.internal:9901
  runtimeKey: routing.traffic_shift.provider-api
  clusters:
    aptible: provider-api_aptible
    gke: provider-api_gke
`;

describe('migration.yaml', () => {
  it('reads a cutover with its defaults (1 point of extra 5xx, 15-minute steps)', () => {
    const parsed = parseMigrationFile(CUTOVER);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.migration).toMatchObject({ state: 'cutover', gkeShare: 15, validatedInStage: { at: '2026-11-06' } });
    expect(parsed.migration.cutover).toMatchObject({ maxExtra5xxPercent: 1, stepWindowMinutes: 15, clusters: { gke: 'provider-api_gke' } });
    expect(isAtLeast(parsed.migration.state, 'validated-in-stage')).toBe(true);
    expect(isAtLeast(parsed.migration.state, 'gke-100')).toBe(false);
  });

  it.each([
    ['a share outside 0–100', CUTOVER.replace('gkeShare: 15', 'gkeShare: 150'), 2, 'gkeShare', /at most 100/],
    ['a fractional share', CUTOVER.replace('gkeShare: 15', 'gkeShare: 2.5'), 2, 'gkeShare', /whole percent/],
    ['100 % still called cutover', CUTOVER.replace('gkeShare: 15', 'gkeShare: 100'), 2, 'gkeShare', /state is gke-100/],
    ['a cutover without a share', CUTOVER.replace('gkeShare: 15\n', ''), 1, 'gkeShare', /needs gkeShare/],
    ['a share on another state', CUTOVER.replace('state: cutover', 'state: gke-100'), 2, 'gkeShare', /belongs to state cutover only/],
    ['the same cluster twice', CUTOVER.replace('gke: provider-api_gke', 'gke: provider-api_aptible'), 11, 'cutover.clusters.gke', /must differ/],
    ['an admin URL with a path', CUTOVER.replace(':9901', ':9901/runtime'), 7, 'cutover.envoyAdmin', /scheme, host and port only/],
    ['an admin URL with credentials', CUTOVER.replace('http://', 'http://admin:pw@'), 7, 'cutover.envoyAdmin', /scheme, host and port only/],
    ['a runtime key with a query character', CUTOVER.replace('provider-api\n  clusters', 'provider-api&x=1\n  clusters'), 8, 'cutover.runtimeKey', /letters, digits/],
    ['an unknown field', `${CUTOVER}owner: me\n`, 1, undefined, /Unrecognized key/],
    ['validated in stage without who', 'state: validated-in-stage\n', 1, 'state', /needs validatedInStage/],
    ['a dropped key without a reason', 'state: aptible-only\nparity:\n  configKeys: [A]\n  dropped:\n    A: "  "\n', 5, 'parity.dropped.A', /say why/],
    ['a dropped key Aptible never had', 'state: aptible-only\nparity:\n  configKeys: [A]\n  dropped:\n    B: gone\n', 5, 'parity.dropped.B', /not among parity.configKeys/],
    ['a config key twice', 'state: aptible-only\nparity:\n  configKeys:\n    - A\n    - A\n', 5, 'parity.configKeys.1', /listed twice/],
    ['a bad config key', 'state: aptible-only\nparity:\n  configKeys: [1ABC]\n', 3, 'parity.configKeys.0', /environment variable name/],
  ])('refuses %s at its line', (_what, text, line, path, message) => {
    const parsed = parseMigrationFile(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const problem = parsed.problems.find((p) => message.test(p.message));
    expect(problem, JSON.stringify(parsed.problems)).toBeDefined();
    expect(problem).toMatchObject({ line, path });
  });

  it('reports YAML errors and hostile input with a line, never throwing', () => {
    for (const [text, line] of [
      ['state: cutover\n  gkeShare: [', 1],
      ['state: a\nstate: b\n', 2],
      ['a: &x [*x]\n', 1],
      ['- just\n- a list\n', 1],
      ['', 1],
    ] as const) {
      const parsed = parseMigrationFile(text);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.problems[0].line).toBe(line);
    }
    const huge = parseMigrationFile(`state: aptible-only\n# ${'x'.repeat(300 * 1024)}\n`);
    expect(huge.ok ? [] : huge.problems[0].message).toMatch(/larger than 256 KiB/);
  });
});

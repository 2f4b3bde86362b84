// apps/<app>/migration.yaml: where an app stands in its move from Aptible, the parity mapping of
// its Aptible config keys, services and endpoints (names and shapes only, never a value), and the
// Envoy cutover target. Parsed with zod; a problem names the line it sits on. Isomorphic.
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { findNode } from '@/lib/values/find-node';

import { isAtLeast, MIGRATION_STATES, type MigrationState } from './migration-states';

// The states live in the browser-safe migration-states.ts (no zod, no yaml in a page's bundle).
export { isAtLeast, MIGRATION_STATES, type MigrationState };

export function migrationFilePath(app: string): string {
  return `apps/${app}/migration.yaml`;
}


export const CONFIG_KEY_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
const configKey = z.string().regex(CONFIG_KEY_PATTERN, 'an environment variable name (letters, digits and _, not starting with a digit)');
// Aptible process types come from Procfile names: letters, digits, _ and -.
const serviceName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/, 'a service name from the Procfile');
const deploymentName = z.string().regex(/^[a-z]([-a-z0-9]{0,30}[a-z0-9])?$/, 'a deployment name from the values (lowercase letters, digits and dashes)');
const hostname = z
  .string()
  .max(253)
  .regex(/^(?=.{1,253}$)([A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?)*$/, 'a hostname');
const envoyName = z.string().regex(/^[A-Za-z0-9_.-]{1,200}$/, 'letters, digits, ".", "_" and "-" only');
const day = z.union([z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date (YYYY-MM-DD)'), z.date().transform((d) => d.toISOString().slice(0, 10))]);
const percent = z.number().int('a whole percent').min(0, 'at least 0').max(100, 'at most 100');

const envoyAdmin = z
  .string()
  .url('an http:// URL of Envoy\'s admin interface')
  .refine((text) => {
    try {
      const url = new URL(text);
      return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password && (url.pathname === '/' || url.pathname === '') && !url.search && !url.hash;
    } catch {
      return false;
    }
  }, 'scheme, host and port only, e.g. http://envoy-edge-admin.internal:9901');

const serviceSchema = z.strictObject({
  /** The deployment in the values that replaced this Aptible service. */
  deployment: deploymentName.optional(),
  containerCount: z.number().int().min(0).max(1000).optional(),
  containerSizeMb: z.number().int().min(1).max(1_048_576).optional(),
  /** The service's command as `aptible services` shows it ("CMD" = the image's own). */
  command: z.string().max(2000).optional(),
});

const endpointSchema = z.strictObject({
  /** The endpoint's Aptible hostname (elb-….aptible.in) or its managed TLS domain. */
  hostname,
  type: z.enum(['https', 'tls', 'tcp']).optional(),
  service: serviceName.optional(),
  internal: z.boolean().optional(),
  /** The virtualService host that now answers for it. */
  host: hostname.optional(),
});

export const migrationFileSchema = z
  .strictObject({
    state: z.enum(MIGRATION_STATES),
    /** GKE's current share of the app's traffic, in percent (state `cutover` only). */
    gkeShare: percent.optional(),
    validatedInStage: z.strictObject({ by: z.email(), at: day, note: z.string().max(500).optional() }).optional(),
    parity: z
      .strictObject({
        /** Every key `aptible config` listed; names only. */
        configKeys: z.array(configKey).max(2000).default([]),
        /** Keys left behind on purpose, each with the reason. */
        dropped: z.record(configKey, z.string().trim().min(1, 'say why the key was dropped').max(500)).default({}),
        /** Aptible service (process type) → what replaced it. */
        services: z.record(serviceName, serviceSchema).default({}),
        endpoints: z.array(endpointSchema).max(200).default([]),
        recordedBy: z.email().optional(),
        recordedAt: day.optional(),
      })
      .optional(),
    cutover: z
      .strictObject({
        envoyAdmin,
        /** The route's runtime_fraction key; its value is GKE's share. */
        runtimeKey: envoyName,
        clusters: z.strictObject({ aptible: envoyName, gke: envoyName }),
        /** Roll back when GKE's 5xx rate exceeds Aptible's by more than this many percentage points. */
        maxExtra5xxPercent: z.number().min(0).max(100).default(1),
        stepWindowMinutes: z.number().int().min(1).max(24 * 60).default(15),
      })
      .optional(),
  })
  .superRefine((file, ctx) => {
    if (file.state === 'cutover' && file.gkeShare === undefined) {
      ctx.addIssue({ code: 'custom', path: ['gkeShare'], message: 'state cutover needs gkeShare: GKE\'s current share in percent (0 while Aptible has it all)' });
    }
    if (file.state === 'cutover' && file.gkeShare === 100) {
      ctx.addIssue({ code: 'custom', path: ['gkeShare'], message: 'at 100 % the state is gke-100, not cutover' });
    }
    if (file.state !== 'cutover' && file.gkeShare !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['gkeShare'], message: `gkeShare belongs to state cutover only (the state says ${file.state})` });
    }
    if (isAtLeast(file.state, 'validated-in-stage') && !file.validatedInStage) {
      ctx.addIssue({ code: 'custom', path: ['state'], message: `state ${file.state} needs validatedInStage: who on the owning team validated the app in stage, and when` });
    }
    // Workers and internal apps move without an Envoy route; a running cutover needs one.
    if (file.state === 'cutover' && !file.cutover) {
      ctx.addIssue({ code: 'custom', path: ['state'], message: 'state cutover needs the cutover target (Envoy admin address, runtime key, clusters)' });
    }
    if (file.cutover && file.cutover.clusters.aptible === file.cutover.clusters.gke) {
      ctx.addIssue({ code: 'custom', path: ['cutover', 'clusters', 'gke'], message: 'the GKE cluster must differ from the Aptible one' });
    }
    const keys = new Set(file.parity?.configKeys ?? []);
    for (const key of Object.keys(file.parity?.dropped ?? {})) {
      if (!keys.has(key)) ctx.addIssue({ code: 'custom', path: ['parity', 'dropped', key], message: `${key} is not among parity.configKeys` });
    }
    const seen = new Set<string>();
    for (const [index, key] of (file.parity?.configKeys ?? []).entries()) {
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['parity', 'configKeys', index], message: `${key} is listed twice` });
      seen.add(key);
    }
  });

export type MigrationFile = z.output<typeof migrationFileSchema>;
export type MigrationCutoverTarget = NonNullable<MigrationFile['cutover']>;

export interface MigrationFileProblem {
  line: number;
  /** Dotted path of the field, when the problem is about one. */
  path?: string;
  message: string;
}

export type ParseMigrationFileResult = { ok: true; migration: MigrationFile } | { ok: false; problems: MigrationFileProblem[] };

const MAX_BYTES = 256 * 1024;

/** Parses the text of a migration.yaml. Never throws on bad input. */
export function parseMigrationFile(text: string): ParseMigrationFileResult {
  if (Buffer.byteLength(text, 'utf8') > MAX_BYTES) return { ok: false, problems: [{ line: 1, message: `the file is larger than ${MAX_BYTES / 1024} KiB` }] };
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    return { ok: false, problems: doc.errors.slice(0, 5).map((error) => ({ line: lineCounter.linePos(error.pos[0]).line, message: error.message.split('\n')[0] })) };
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 10 });
  } catch (error) {
    return { ok: false, problems: [{ line: 1, message: error instanceof Error ? error.message : String(error) }] };
  }
  const parsed = migrationFileSchema.safeParse(raw ?? {});
  if (parsed.success) return { ok: true, migration: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.slice(0, 20).map((issue) => {
      const path = issue.path.map(String);
      return { line: lineOfPath(doc, lineCounter, path), path: path.join('.') || undefined, message: issue.message };
    }),
  };
}

function lineOfPath(doc: ReturnType<typeof parseDocument>, lineCounter: LineCounter, path: string[]): number {
  // The deepest part of the path that exists in the text (a missing key points at its parent).
  for (let length = path.length; length > 0; length--) {
    const found = findNode(doc, path.slice(0, length));
    const node = found?.keyNode ?? found?.node;
    if (node?.range) return lineCounter.linePos(node.range[0]).line;
  }
  const contents = doc.contents;
  return contents?.range ? lineCounter.linePos(contents.range[0]).line : 1;
}

// Schemas of everything under content/: guides' frontmatter, the concept map, the command
// translations and the training sessions. Isomorphic (zod only): the loaders parse with it on the
// server, and the browser-side translator and search import its types.
import { z } from 'zod';

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase slug (a-z, 0-9 and single hyphens)');

/** YAML loaders turn an unquoted 2026-11-20 into a Date: accept both, keep the string. */
const isoDay = z.preprocess(
  (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value),
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD'),
);

const isoDateTime = z.preprocess(
  (value) => (value instanceof Date ? value.toISOString() : value),
  z
    .string()
    .regex(
      /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$/,
      'must be an ISO date (YYYY-MM-DD) or date-time with a zone (2026-11-05T17:00:00Z)',
    )
    .refine((value) => !Number.isNaN(Date.parse(value)), 'is not a real date'),
);

const text = z.string().trim().min(1, 'must not be empty');
const httpsUrl = z.url({ protocol: /^https$/, message: 'must be an https:// URL' });

export const docLinkSchema = z.strictObject({
  title: text,
  url: httpsUrl,
});
export type DocLink = z.infer<typeof docLinkSchema>;

// ---------------------------------------------------------------------------------------------
// Guides

export const guideLevels = ['beginner', 'intermediate', 'advanced'] as const;
export type GuideLevel = (typeof guideLevels)[number];

export const guideFrontmatterSchema = z.strictObject({
  title: text,
  summary: text.max(320, 'must be at most 320 characters (it is shown in lists and search)'),
  aptible: z.array(text).min(1, 'must name at least one Aptible concept'),
  gcp: z.array(text).min(1, 'must name at least one GCP/GKE concept'),
  level: z.enum(guideLevels),
  session: slug.optional(),
  updated: isoDay,
  order: z.number().finite(),
});
export type GuideFrontmatter = z.infer<typeof guideFrontmatterSchema>;

// ---------------------------------------------------------------------------------------------
// Concept map (content/concepts.yaml)

/** A dotted values key; `<name>` stands for a map key chosen by the app (`deployments.<name>`). */
const valuesKey = z
  .string()
  .regex(
    /^[a-zA-Z][a-zA-Z0-9]*(\.([a-zA-Z][a-zA-Z0-9]*|<[a-z]+>))*$/,
    'must be a dotted values key such as deployments.<name>.replicas',
  );

export const conceptSchema = z.strictObject({
  id: slug,
  aptible: text,
  aptibleDescription: text,
  gcp: text,
  whereItLives: text,
  valuesKey: valuesKey.optional(),
  guide: slug,
  docs: z.array(docLinkSchema).min(1, 'must link at least one official page'),
  /** What could not be verified, or a caveat a reader must not miss. */
  note: text.optional(),
});
export type Concept = z.infer<typeof conceptSchema>;

export const conceptsFileSchema = z.strictObject({
  concepts: z.array(conceptSchema).min(1),
});

// ---------------------------------------------------------------------------------------------
// Command translations (content/commands.yaml)

/** `shell` is a program outside kubectl/gcloud/helm/git (cloud-sql-proxy) or a small pipeline. */
export const equivalentTools = ['kubectl', 'gcloud', 'helm', 'git', 'shell', 'berth'] as const;
export type EquivalentTool = (typeof equivalentTools)[number];

/**
 * When an equivalent applies. Decided from the typed command and the app's real shape; when the
 * translator cannot tell (no app picked), it shows the equivalent and says what it depends on.
 */
export const equivalentConditions = [
  /** The deployment is autoscaled: the HorizontalPodAutoscaler owns its pod count. */
  'autoscaled',
  'fixed-replicas',
  /** A VAR=VAL whose name or value looks like a secret, or that the app reads from Secret Manager. */
  'secret-value',
  'plain-value',
  /** The variable is one of the app's secretEnv entries. */
  'secret-name',
  /** An image given by tag, or by digest (repo@sha256:…). */
  'tag',
  'digest',
  /** --database was given. */
  'database',
] as const;
export type EquivalentCondition = (typeof equivalentConditions)[number];

/** Who may do it: decided with Berth's policy and the app's owning team (lib/guides/describe-access.ts). */
export const commandAccess = ['read', 'logs', 'values', 'cluster-write', 'secret', 'database', 'platform'] as const;
export type CommandAccess = (typeof commandAccess)[number];

const placeholderName = z.string().regex(/^[a-z][a-zA-Z]*$/, 'must be a placeholder name like app or sizeMb');

const removedSchema = z.strictObject({ since: text, replacement: text });

export const commandFlagSchema = z.strictObject({
  name: z.string().regex(/^--[a-z][a-z0-9_-]*$/, 'must be a long flag such as --container-count'),
  /** The value's name in the usage line (N, APP); absent for a switch that takes no value. */
  value: z.string().min(1).optional(),
  meaning: text,
  aliases: z.array(z.string().regex(/^--?[a-z][a-z0-9_-]*$/)).optional(),
  /** Which template placeholder the flag's value fills ({count}, {app}). */
  placeholder: placeholderName.optional(),
  /** A flag the CLI no longer accepts: when it went and what replaced it. */
  removed: removedSchema.optional(),
});
export type CommandFlag = z.infer<typeof commandFlagSchema>;

export const commandArgSchema = z.strictObject({
  /** As written in the usage line: SERVICE, VAR=VAL, HANDLE. */
  name: z.string().min(1),
  meaning: text,
  placeholder: placeholderName.optional(),
  optional: z.boolean().optional(),
  /** Repeats (VAR=VAL …); a `VAR=VAL` pair fills {var} and {value} once per pair. */
  variadic: z.boolean().optional(),
  /** Takes every remaining word, as `aptible ssh` does with its COMMAND. */
  rest: z.boolean().optional(),
});
export type CommandArg = z.infer<typeof commandArgSchema>;

export const commandEquivalentSchema = z.strictObject({
  tool: z.enum(equivalentTools),
  /** A template with {placeholders}; shell-ready for kubectl, gcloud, helm, git and shell. */
  command: text,
  note: text.optional(),
  when: z.enum(equivalentConditions).optional(),
});
export type CommandEquivalent = z.infer<typeof commandEquivalentSchema>;

export const commandSchema = z.strictObject({
  id: slug,
  /** The usage line, e.g. "aptible apps:scale [--app APP] SERVICE [--container-count N]". */
  aptible: z.string().regex(/^aptible [a-z_:]+/, 'must start with "aptible <command>"'),
  /** The bare command name, e.g. "apps:scale". */
  command: z.string().regex(/^[a-z_]+(:[a-z_]+)*$/, 'must be a command name such as apps:scale'),
  /** The aptible-cli file that defines it: the source each entry was checked against. */
  source: z.string().regex(/^lib\/aptible\/cli\/[a-z_/]+\.rb$/, 'must be a file of aptible-cli such as lib/aptible/cli/subcommands/apps.rb'),
  access: z.enum(commandAccess),
  /** This command is another name for that one in the CLI (config:add → config:set). */
  aliasOf: z.string().regex(/^[a-z_]+(:[a-z_]+)*$/).optional(),
  flags: z.array(commandFlagSchema).default([]),
  args: z.array(commandArgSchema).optional(),
  /** Values used when neither the input nor the app gives one (port: 5432, command: sh). */
  defaults: z.record(placeholderName, z.string()).optional(),
  summary: text,
  equivalents: z.array(commandEquivalentSchema).min(1, 'must list at least one equivalent'),
  berth: z
    .strictObject({
      label: text,
      path: z.string().regex(/^\/[^\s]*$/, 'must be an absolute path such as /apps/{app}/values/{env}'),
    })
    .optional(),
  noSingleEquivalent: text.optional(),
  removed: removedSchema.optional(),
  guide: slug,
  /** Caveats a reader must not miss, each resting on a source. */
  note: text.optional(),
});
export type CommandEntry = z.infer<typeof commandSchema>;

export const commandsFileSchema = z.strictObject({
  commands: z.array(commandSchema).min(1),
});

// ---------------------------------------------------------------------------------------------
// Training sessions (content/sessions/*.yaml)

export const sessionSchema = z.strictObject({
  id: slug,
  date: isoDateTime,
  durationMinutes: z.number().int().positive().default(60),
  title: text,
  presenter: text,
  summary: text,
  agenda: z.array(text).min(1),
  guides: z.array(slug).default([]),
  recording: httpsUrl.nullable(),
  slides: httpsUrl.nullable(),
});
export type Session = z.infer<typeof sessionSchema>;

// ---------------------------------------------------------------------------------------------
// Errors that name the file and the field

export type ContentIssue = { path: string; message: string };

export class ContentError extends Error {
  readonly file: string;
  readonly issues: ContentIssue[];

  constructor(file: string, issues: ContentIssue[]) {
    super(`Invalid content in ${file}:\n${issues.map((i) => `  - ${i.path || '(top level)'}: ${i.message}`).join('\n')}`);
    this.name = 'ContentError';
    this.file = file;
    this.issues = issues;
  }
}

/** `concepts[3] (endpoint).docs[0].url`: array items that carry an id are named by it. */
function describePath(path: readonly PropertyKey[], data: unknown, prefix: string): string {
  let out = prefix;
  let node: unknown = data;
  for (const key of path) {
    if (typeof key === 'number') {
      out += `[${key}]`;
      node = Array.isArray(node) ? node[key] : undefined;
      const id = node && typeof node === 'object' ? (node as Record<string, unknown>).id : undefined;
      if (typeof id === 'string') out += ` (${id})`;
    } else {
      out += `${out ? '.' : ''}${String(key)}`;
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[String(key)] : undefined;
    }
  }
  return out;
}

/** Parses with a schema, or throws a ContentError naming the file and every offending field. */
export function parseContent<S extends z.ZodType>(schema: S, data: unknown, file: string, prefix = ''): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  throw new ContentError(
    file,
    result.error.issues.map((issue) => {
      const keys = issue.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')})` : '';
      return { path: describePath(issue.path, data, prefix), message: issue.message + (keys && !issue.message.includes('"') ? keys : '') };
    }),
  );
}

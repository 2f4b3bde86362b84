// The fenced code blocks of a guide and the shell commands in them, so tests can check what the
// guides tell engineers to copy: YAML against the chart's schema, commands against the real CLIs.
// Isomorphic and pure.

export type CodeBlock = {
  /** The info string after the fence: bash, yaml, text… */
  lang: string;
  code: string;
  /** 1-based line of the opening fence in the markdown. */
  line: number;
};

/** Every fenced block (``` or ~~~), in order. */
export function extractCodeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = markdown.split('\n');
  let open: { fence: string; lang: string; line: number; body: string[] } | null = null;
  lines.forEach((line, index) => {
    const marker = /^\s*(`{3,}|~{3,})(.*)$/.exec(line);
    if (!open) {
      if (marker) open = { fence: marker[1], lang: marker[2].trim(), line: index + 1, body: [] };
      return;
    }
    if (marker && marker[1][0] === open.fence[0] && marker[1].length >= open.fence.length && marker[2].trim() === '') {
      blocks.push({ lang: open.lang, code: open.body.join('\n'), line: open.line });
      open = null;
      return;
    }
    open.body.push(line);
  });
  return blocks;
}

/**
 * The commands of a shell block: `\` continuations joined, comments and blank lines dropped,
 * a trailing `# comment` removed when it is outside quotes.
 */
export function shellCommands(code: string): string[] {
  const joined = code.replace(/\\\r?\n\s*/g, ' ');
  return joined
    .split('\n')
    .map((line) => stripComment(line).trim())
    .filter((line) => line !== '');
}

function stripComment(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i];
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"') i += 1;
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '#' && (i === 0 || /\s/.test(line[i - 1]))) return line.slice(0, i);
  }
  return line;
}

export type ValuesSnippetHeader =
  | { kind: 'excerpt'; file: string; app: string | null; environment: string | null }
  | { kind: 'change'; file: string; app: string; environment: string | null };

/**
 * What a YAML block claims to be, from its first line: `# apps/<app>/values[-<env>].yaml` (an
 * excerpt of that file), `# a change to apps/<app>/…` (an edit to it) or `# chart/values.yaml`.
 */
export function valuesSnippetHeader(code: string): ValuesSnippetHeader | null {
  const first = code.split('\n')[0]?.trim() ?? '';
  const chart = /^#\s*chart\/values\.yaml\s*$/.exec(first);
  if (chart) return { kind: 'excerpt', file: 'chart/values.yaml', app: null, environment: null };
  const match = /^#\s*(a change to\s+)?(apps\/([a-z0-9-]+)\/values(?:-([a-z]+))?\.yaml)\s*$/.exec(first);
  if (!match) return null;
  const [, change, file, app, environment] = match;
  return change
    ? { kind: 'change', file, app, environment: environment ?? null }
    : { kind: 'excerpt', file, app, environment: environment ?? null };
}

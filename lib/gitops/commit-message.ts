// The text of every commit Berth writes: what a person typed, made harmless, then the trailers only
// Berth writes. The git history is the record an auditor reads, and git (and every tool reading
// `git log --format=%(trailers)`) takes any paragraph of `Key: value` lines at the end of a message
// as trailers — so a message like "Bump memory\n\nApproved-by: Ben" would read as an approval.
// Nothing in a person's text may take that shape: such lines are quoted ("> Approved-by: …"),
// every kind of line break becomes \n, and invisible or control characters are dropped first so
// they cannot hide a line from this check while git or a reader still sees it.

// Isomorphic (no server-only): the editor shows the subject this file will write.

/** Keys of the trailers Berth itself writes; nothing else ever becomes a trailer. */
export type BerthTrailerKey = 'Approved-by' | 'Change-request';
export type BerthTrailers = Partial<Record<BerthTrailerKey, string[]>>;

/** A longer first line is cut here; the whole line stays in the body. */
export const MAX_SUBJECT_CHARS = 100;
/** The person's text beyond this is cut (the API already limits messages to 2,000 characters). */
const MAX_MESSAGE_CHARS = 5000;

// Every character git, terminals or other tools may treat as a line break.
const LINE_BREAKS = /\r\n|[\r\n\u000b\u000c\u0085\u2028\u2029]/g;
// C0/C1 controls (tab handled apart), and invisible characters: zero-width, bidirectional
// overrides and isolates, the byte-order mark, soft hyphen. "Appro\u200bved-by:" is not a
// trailer to git but reads as one.
const INVISIBLE = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g;
// What git takes for a trailer line is a token of letters, digits and '-' then a separator (':'
// by default; `trailer.separators` can add others). Wider on purpose: any word (in any script,
// so look-alike letters count) followed by a colon-like mark or '=' is quoted.
const TRAILER_SHAPED = /^[\p{L}\p{N}\p{M}_.-]+[ \t]*[:=\uff1a\ufe55\ufe13\u2236\ua789]/u;
// Lines git itself treats as trailers or as the start of a patch (which moves where it looks).
const GIT_MARKERS = /^(\(cherry picked from commit |---(\s|$))/;

function cleanText(text: string): string {
  return text.replace(LINE_BREAKS, '\n').replace(/\t/g, ' ').replace(INVISIBLE, '');
}

/** One line of a person's message that git or a reader could take for a trailer, quoted. */
export function neutralizeLine(line: string): string {
  const trimmed = line.trimEnd();
  return TRAILER_SHAPED.test(trimmed) || GIT_MARKERS.test(trimmed) ? `> ${trimmed}` : trimmed;
}

/** A trailer value Berth writes (a name, an email, a number): one line, no control characters. */
function cleanTrailerValue(value: string): string {
  return cleanText(value).replace(/\n+/g, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * The full commit message: the person's subject (one line, at most MAX_SUBJECT_CHARS), their
 * body with every trailer-shaped line quoted, then Berth's trailers as the last paragraph.
 */
export function composeCommitMessage(personText: string, options: { fallbackSubject: string; trailers?: BerthTrailers }): string {
  const lines = cleanText(personText).slice(0, MAX_MESSAGE_CHARS).split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  let subject = first === -1 ? '' : lines[first].trim().replace(/ {2,}/g, ' ');
  const body = first === -1 ? [] : lines.slice(first + 1).map(neutralizeLine);
  if (!subject) subject = cleanTrailerValue(options.fallbackSubject);
  if ([...subject].length > MAX_SUBJECT_CHARS) {
    body.unshift(neutralizeLine(subject), '');
    subject = `${[...subject].slice(0, MAX_SUBJECT_CHARS - 1).join('').trimEnd()}…`;
  }
  const paragraphs = [subject];
  const bodyText = body.join('\n').replace(/\n{3,}/g, '\n\n').trim();
  if (bodyText) paragraphs.push(bodyText);
  const trailerLines = Object.entries(options.trailers ?? {}).flatMap(([key, values]) =>
    (values ?? []).map(cleanTrailerValue).filter(Boolean).map((value) => `${key}: ${value}`),
  );
  if (trailerLines.length) paragraphs.push(trailerLines.join('\n'));
  return `${paragraphs.join('\n\n')}\n`;
}

/** The first line a commit of this text gets: what `git log --oneline` and Berth's history show. */
export function commitSubject(personText: string, fallbackSubject: string): string {
  return composeCommitMessage(personText, { fallbackSubject }).split('\n')[0];
}

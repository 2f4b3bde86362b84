// Builds a ValuesProblem at a span of a file's text. Isomorphic.
import type { LineCounter } from 'yaml';
import type { ValuesProblem } from './types';

export interface ProblemDetails {
  message: string;
  severity: ValuesProblem['severity'];
  code: string;
  path?: string;
}

/** A problem at character offsets [from, to) of `file`; the line counter turns them into lines. */
export function problemAt(
  file: string,
  lineCounter: LineCounter,
  from: number,
  to: number,
  details: ProblemDetails,
): ValuesProblem {
  const start = lineCounter.linePos(from);
  const end = lineCounter.linePos(Math.max(from, to));
  return {
    file,
    line: start.line,
    column: start.col,
    endLine: end.line,
    endColumn: end.col,
    from,
    to: Math.max(from, to),
    ...(details.path !== undefined ? { path: details.path } : {}),
    message: details.message,
    severity: details.severity,
    code: details.code,
  };
}

/** A problem about a whole file, shown on its first line (no text to point into, e.g. too large). */
export function problemAtFileStart(file: string, details: ProblemDetails): ValuesProblem {
  return {
    file,
    line: 1,
    column: 1,
    from: 0,
    to: 0,
    ...(details.path !== undefined ? { path: details.path } : {}),
    message: details.message,
    severity: details.severity,
    code: details.code,
  };
}

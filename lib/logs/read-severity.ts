// The severity a log line states itself, for entries whose source gave none (pod logs never do;
// Cloud Logging stores plain stdout lines as DEFAULT). Isomorphic: plain string work.
//
// Apps write their level in a handful of common shapes, and the severity filter is useless unless
// Berth reads them: JSON fields (`severity`, `level`, `lvl`, `levelname`, pino's numbers), logfmt
// (`level=warn`), Ruby's Logger (`I, [2026-… #1]  INFO -- :`), Sidekiq/Python (`INFO: …`,
// `[ERROR] …`), klog (`E1204 10:00:00.000000 …`), and bare "Error: …" / "panic: …" lines.
import { isSeverity, type Severity } from './log-entry';

const WORDS: Record<string, Severity> = {
  TRACE: 'DEBUG',
  DEBUG: 'DEBUG',
  DBG: 'DEBUG',
  INFO: 'INFO',
  INF: 'INFO',
  NOTICE: 'NOTICE',
  WARN: 'WARNING',
  WARNING: 'WARNING',
  WRN: 'WARNING',
  ERROR: 'ERROR',
  ERR: 'ERROR',
  FATAL: 'CRITICAL',
  CRITICAL: 'CRITICAL',
  CRIT: 'CRITICAL',
  PANIC: 'CRITICAL',
  ALERT: 'ALERT',
  EMERG: 'EMERGENCY',
  EMERGENCY: 'EMERGENCY',
};

/** pino / bunyan numeric levels. */
function severityOfNumber(level: number): Severity | undefined {
  if (level >= 60) return 'CRITICAL';
  if (level >= 50) return 'ERROR';
  if (level >= 40) return 'WARNING';
  if (level >= 30) return 'INFO';
  if (level >= 10) return 'DEBUG';
  return undefined;
}

/** A level named in any case ("warn", "Warning", "ERROR"), or undefined when it is not one. */
export function severityOfWord(word: string): Severity | undefined {
  const upper = word.trim().toUpperCase();
  if (isSeverity(upper)) return upper;
  return WORDS[upper];
}

const JSON_LEVEL_FIELDS = ['severity', 'level', 'lvl', 'levelname', 'log.level', 'loglevel'] as const;

/**
 * The severity a structured line states, and the field it came from (so the caller can drop it
 * from the payload, as Cloud Logging does with `severity`).
 */
export function severityOfJson(json: Record<string, unknown>): { severity: Severity; field: string } | undefined {
  for (const field of JSON_LEVEL_FIELDS) {
    const value = json[field];
    if (typeof value === 'string') {
      const severity = severityOfWord(value);
      if (severity) return { severity, field };
    } else if (typeof value === 'number' && field !== 'severity') {
      const severity = severityOfNumber(value);
      if (severity) return { severity, field };
    }
  }
  return undefined;
}

// Where a text line states its level. Only near the start: a level word deep in a message
// ("retrying after ERROR from upstream") says nothing about the line itself.
const HEAD = 120;
const LOGFMT = /(?:^|\s)(?:level|lvl|severity)=["']?([A-Za-z]+)/i;
const RUBY_LOGGER = /^[DIWEFA], \[[^\]]*\]\s+([A-Z]+) -- /;
const KLOG = /^([IWEF])\d{4} \d{2}:\d{2}:\d{2}/;
const BARE_START = /^(?:Error|Exception|Traceback|panic|Fatal|Warning)\b/;
const UPPER_WORD = /(?:^|[\s[(|:,])(TRACE|DEBUG|DBG|INFO|INF|NOTICE|WARN|WARNING|WRN|ERROR|ERR|FATAL|CRITICAL|CRIT|PANIC|ALERT|EMERG|EMERGENCY)(?=$|[\s\]):|,])/;
const KLOG_LEVEL: Record<string, Severity> = { I: 'INFO', W: 'WARNING', E: 'ERROR', F: 'CRITICAL' };
const BARE_LEVEL: Record<string, Severity> = { Error: 'ERROR', Exception: 'ERROR', Traceback: 'ERROR', panic: 'ERROR', Fatal: 'CRITICAL', Warning: 'WARNING' };

/** The severity a plain-text line states, or undefined when it states none. */
export function severityOfText(text: string): Severity | undefined {
  const head = text.trimStart().slice(0, HEAD);
  const ruby = RUBY_LOGGER.exec(head);
  if (ruby) return severityOfWord(ruby[1]);
  const klog = KLOG.exec(head);
  if (klog) return KLOG_LEVEL[klog[1]];
  const logfmt = LOGFMT.exec(head);
  if (logfmt) {
    const severity = severityOfWord(logfmt[1]);
    if (severity) return severity;
  }
  const bare = BARE_START.exec(head);
  if (bare) return BARE_LEVEL[bare[0]];
  const word = UPPER_WORD.exec(head);
  if (word) return WORDS[word[1]];
  return undefined;
}

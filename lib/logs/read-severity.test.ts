import { describe, expect, test } from 'vitest';
import { interpretLine } from './pod-log-lines';
import { severityOfJson, severityOfText, severityOfWord } from './read-severity';

describe('severityOfText', () => {
  test.each<[string, string | undefined]>([
    // Ruby's Logger (patient-portal's web): the letter, then the padded level.
    ['I, [2026-12-04T10:00:00.123 #1]  INFO -- : [abc] Started GET "/"', 'INFO'],
    ['W, [2026-12-04T10:00:00.123 #1]  WARN -- : [abc] slow', 'WARNING'],
    ['E, [2026-12-04T10:00:00.123 #1] ERROR -- : [abc] boom', 'ERROR'],
    ['F, [2026-12-04T10:00:00.123 #1] FATAL -- : [abc] gone', 'CRITICAL'],
    // Sidekiq (patient-portal's worker): time, pid, then "INFO:".
    ['2026-12-04T10:00:00.000Z pid=1 tid=abcd class=Reminder jid=1 INFO: start', 'INFO'],
    ['WARN: Net::ReadTimeout: Net::ReadTimeout with #<TCPSocket:(closed)>', 'WARNING'],
    // Python, bracketed, logfmt, klog.
    ['ERROR:root:could not connect', 'ERROR'],
    ['[WARNING] disk almost full', 'WARNING'],
    ['time=2026-12-04T10:00:00Z level=error msg="db down"', 'ERROR'],
    ['ts=1 lvl=debug msg=x', 'DEBUG'],
    ['level="Warning" msg=x', 'WARNING'],
    ['E1204 10:00:00.000000       1 main.go:12] failed', 'ERROR'],
    ['I1204 10:00:00.000000       1 main.go:12] ok', 'INFO'],
    // Bare starts.
    ['Error: FHIR_BASE_URL is not set', 'ERROR'],
    ['panic: runtime error: index out of range', 'ERROR'],
    ['Traceback (most recent call last):', 'ERROR'],
    // Nothing stated: left to the caller.
    ['GET /healthz 200', undefined],
    ['Errors are fine', undefined],
    ['error lowercase is not a level', undefined],
    ['=> Booting Puma', undefined],
    ['ECONNREFUSED ERR_SOCKET_CLOSED happened', undefined],
  ])('%s → %s', (line, severity) => {
    expect(severityOfText(line)).toBe(severity);
  });

  test('a level word deep in the message says nothing about the line', () => {
    expect(severityOfText(`${'x'.repeat(200)} ERROR`)).toBeUndefined();
  });

  test('the first level stated wins', () => {
    expect(severityOfText('INFO: retry after ERROR from upstream')).toBe('INFO');
  });
});

describe('severityOfJson', () => {
  test.each<[Record<string, unknown>, string | undefined, string | undefined]>([
    [{ severity: 'ERROR' }, 'ERROR', 'severity'],
    [{ level: 'warn' }, 'WARNING', 'level'],
    [{ level: 50, msg: 'pino' }, 'ERROR', 'level'],
    [{ level: 30 }, 'INFO', 'level'],
    [{ levelname: 'CRITICAL' }, 'CRITICAL', 'levelname'],
    [{ 'log.level': 'info' }, 'INFO', 'log.level'],
    [{ level: 'loud' }, undefined, undefined],
    [{ msg: 'x' }, undefined, undefined],
  ])('%o → %s', (json, severity, field) => {
    const stated = severityOfJson(json);
    expect(stated?.severity).toBe(severity);
    expect(stated?.field).toBe(field);
  });
});

describe('severityOfWord', () => {
  test('names in any case', () => {
    expect(severityOfWord('warning')).toBe('WARNING');
    expect(severityOfWord('Err')).toBe('ERROR');
    expect(severityOfWord('nope')).toBeUndefined();
  });
});

describe('interpretLine reads the stated level', () => {
  test('a JSON line with "level" loses the field, as with "severity"', () => {
    const result = interpretLine('{"level":"error","msg":"x"}');
    expect(result).toEqual({ severity: 'ERROR', json: { msg: 'x' } });
  });

  test('a Rails line is INFO, not DEFAULT', () => {
    expect(interpretLine('I, [2026-12-04T10:00:00.123 #1]  INFO -- : [r] Completed 200 OK in 12ms').severity).toBe('INFO');
  });
});

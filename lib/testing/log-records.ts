// Shared by the log tests: lines as the sandbox Cloud Logging keeps them, and the LogSourceError
// a refused read throws.
import { expect } from 'vitest';
import type { SandboxLogRecord } from '@/sandbox/cloud-logging/server';
import { isLogSourceError, type LogSourceError } from '@/lib/logs/log-source';

let sequence = 0;

/**
 * One stdout line of intake-forms' web pod in stage, now, unless `overrides` says otherwise; each
 * call gets the next insertId (`<prefix>-000001`, …), so a test can tell its lines apart.
 */
export function logRecord(overrides: Partial<SandboxLogRecord> = {}, prefix = 'rec'): SandboxLogRecord {
  sequence += 1;
  return {
    cluster: 'gke-stage',
    projectId: 'meridian-stage',
    namespace: 'intake-forms',
    pod: 'intake-forms-web-1',
    container: 'web',
    podLabels: { 'app.kubernetes.io/instance': 'intake-forms' },
    time: new Date(),
    text: `line ${sequence}`,
    stream: 'stdout',
    insertId: `${prefix}-${String(sequence).padStart(6, '0')}`,
    ...overrides,
  };
}

/** The LogSourceError `promise` rejects with (the test fails if it resolves or throws anything else). */
export async function logSourceRejection(promise: Promise<unknown>): Promise<LogSourceError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(isLogSourceError(error)).toBe(true);
  return error as LogSourceError;
}

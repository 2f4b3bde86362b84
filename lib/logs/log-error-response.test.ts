import { describe, expect, test } from 'vitest';
import { logErrorResponse } from './log-error-response';
import { LogSourceError, type LogSourceErrorKind } from './log-source';

describe('logErrorResponse', () => {
  test.each<[LogSourceErrorKind, string, number, boolean, RegExp]>([
    ['unavailable', 'unavailable', 503, true, /Retry in a minute/],
    ['timeout', 'unavailable', 503, true, /shorter time range/],
    ['permission-denied', 'unavailable', 503, false, /tell the platform team/],
    ['invalid-query', 'invalid', 400, false, /Change the filter/],
  ])('%s → %s (%i)', async (kind, code, status, retryable, hint) => {
    const response = logErrorResponse(new LogSourceError(kind, 'What the source said.'), 'req-12345678');
    expect(response.status).toBe(status);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('retry-after')).toBe(kind === 'unavailable' ? '30' : null);
    const body = await response.json();
    expect(body).toEqual({
      error: {
        code,
        message: 'What the source said.',
        requestId: 'req-12345678',
        details: { kind, hint: expect.stringMatching(hint), retryable },
      },
    });
  });
});

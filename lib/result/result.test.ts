import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { codeForHttpStatus, ERROR_CODES, fail, fieldErrorsOf, HTTP_STATUS, isErrorCode, ok, parseInput } from './result';

describe('the result vocabulary', () => {
  it('has one HTTP status per code, and reads a bare status back as the same code', () => {
    expect(Object.keys(HTTP_STATUS).sort()).toEqual([...ERROR_CODES].sort());
    for (const code of ERROR_CODES) expect(codeForHttpStatus(HTTP_STATUS[code])).toBe(code);
    expect(codeForHttpStatus(415)).toBe('invalid');
    expect(codeForHttpStatus(504)).toBe('unavailable');
    expect(codeForHttpStatus(418)).toBe('invalid');
  });

  it('knows its codes and nothing else', () => {
    expect(isErrorCode('conflict')).toBe(true);
    expect(isErrorCode('invalid-app-name')).toBe(false);
    expect(isErrorCode(409)).toBe(false);
  });

  it('builds results, leaving out what a failure does not carry', () => {
    expect(ok(3)).toEqual({ ok: true, data: 3 });
    expect(fail('not-found', 'Gone.')).toEqual({ ok: false, error: { code: 'not-found', message: 'Gone.' } });
    expect(fail('invalid', 'Bad.', { details: { line: 2 } })).toEqual({ ok: false, error: { code: 'invalid', message: 'Bad.', details: { line: 2 } } });
  });

  it('parses input with a schema, refusals by field', () => {
    const schema = z.object({ name: z.string().min(1, 'Give it a name.'), tags: z.array(z.string()).max(1, 'One tag at most.') });
    expect(parseInput(schema, { name: 'a', tags: [] })).toEqual({ ok: true, data: { name: 'a', tags: [] } });
    expect(parseInput(schema, { name: '', tags: ['x', 'y'] })).toEqual({
      ok: false,
      error: { code: 'invalid', message: 'Some fields need attention.', fieldErrors: { name: ['Give it a name.'], tags: ['One tag at most.'] } },
    });
    expect(parseInput(schema, { name: '', tags: [] })).toEqual({ ok: false, error: { code: 'invalid', message: 'Give it a name.', fieldErrors: { name: ['Give it a name.'] } } });
    expect(fieldErrorsOf([{ path: [], message: 'Send an object.' }])).toEqual({ form: ['Send an object.'] });
  });
});

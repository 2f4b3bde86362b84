import { describe, expect, it } from 'vitest';
import { resolveInRepo, safeRepoPath, UnsafePathError } from './repo-path';

describe('safeRepoPath', () => {
  it.each(['apps/patient-portal/values.yaml', 'chart/values.schema.json', 'teams.yaml'])('accepts %s', (input) => {
    expect(safeRepoPath(input)).toBe(input);
  });

  it.each([
    ['parent folder', '../etc/passwd'],
    ['parent inside', 'apps/../../etc/passwd'],
    ['encoded dots', 'apps/%2e%2e/%2e%2e/etc/passwd'],
    ['encoded slash', 'apps/..%2Fsecrets'],
    ['backslash', 'apps\\..\\secrets'],
    ['NUL', 'apps/x/values.yaml\0.png'],
    ['absolute', '/etc/passwd'],
    ['drive letter', 'C:/Windows'],
    ['the git folder', '.git/config'],
    ['dot segment', 'apps/./x'],
    ['empty segment', 'apps//x'],
    ['empty', ''],
    ['over-long', `apps/${'a'.repeat(600)}`],
  ])('rejects %s', (_name, input) => {
    expect(() => safeRepoPath(input)).toThrow(UnsafePathError);
  });

  it('keeps resolved paths inside the repository', () => {
    expect(resolveInRepo('/repo', 'apps/x/values.yaml')).toBe('/repo/apps/x/values.yaml');
    expect(() => resolveInRepo('/repo', '../repo2/x')).toThrow(UnsafePathError);
  });
});

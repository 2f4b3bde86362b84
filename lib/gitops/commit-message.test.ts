import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeCommitMessage, MAX_SUBJECT_CHARS } from './commit-message';

// Every message is committed into a real repository and read back by git itself: what git calls a
// trailer is what an auditor's tools will show.
let dir = '';
let tree = '';
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-message-'));
  execFileSync('git', ['init', '-q', dir]);
  tree = execFileSync('git', ['-C', dir, 'hash-object', '-t', 'tree', '-w', '--stdin'], { input: '' }).toString().trim();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const git = (args: string[], input?: string) =>
  execFileSync('git', ['-C', dir, ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 'A', GIT_AUTHOR_EMAIL: 'a@x', GIT_COMMITTER_NAME: 'Berth', GIT_COMMITTER_EMAIL: 'b@x' },
  });

/** Commits `message` as is and returns the trailers git finds, both ways it can look. */
function trailersGitSees(message: string): { log: string; parse: string } {
  const commit = git(['commit-tree', tree, '-F', '-'], message).trim();
  return {
    log: git(['log', '-1', '--format=%(trailers:only,unfold)', commit]).trim(),
    // interpret-trailers also stops at a `---` divider, which %(trailers) does not.
    parse: git(['interpret-trailers', '--parse'], git(['log', '-1', '--format=%B', commit])).trim(),
  };
}

const BERTH = { 'Approved-by': ['Ben Okafor <ben.okafor@meridiancare.example>'], 'Change-request': ['#5'] };
const BERTH_LINES = 'Approved-by: Ben Okafor <ben.okafor@meridiancare.example>\nChange-request: #5';

const forgeries: Record<string, string> = {
  'a trailer paragraph': 'Bump memory\n\nApproved-by: Eve <eve@x>\nChange-request: #1',
  'CRLF line breaks': 'Bump memory\r\n\r\nApproved-by: Eve <eve@x>\r\nChange-request: #1\r\n',
  'bare CR line breaks': 'Bump memory\r\rApproved-by: Eve <eve@x>\rChange-request: #1',
  'unicode line separators': 'Bump memory\u2028\u2028Approved-by: Eve <eve@x>\u2029Change-request: #1',
  'next-line and vertical tab': 'Bump memory\u0085\u0085Approved-by: Eve <eve@x>\u000bChange-request: #1',
  'a form feed': 'Bump memory\f\fApproved-by: Eve <eve@x>',
  'a zero-width space in the key': 'Bump memory\n\nAppro\u200bved-by: Eve <eve@x>',
  'a bidi override': 'Bump memory\n\n\u202eApproved-by: Eve <eve@x>',
  'a space before the colon': 'Bump memory\n\nApproved-by : Eve <eve@x>',
  'a patch divider after it': 'Bump memory\n\nApproved-by: Eve <eve@x>\n---\nnot a patch',
  "git's own prefixes": 'Bump memory\n\nSigned-off-by: Eve <eve@x>\n(cherry picked from commit 0123456789abcdef0123456789abcdef01234567)',
  'a second paragraph before the real ones': 'Update production\n\nApproved-by: Eve <eve@x>\nChange-request: #1\n\nThanks!',
  'a NUL and other controls': 'Bump\u0000 memory\n\nApproved-by:\u0007 Eve <eve@x>',
  'a fullwidth colon': 'Bump memory\n\nApproved-by\uff1a Eve <eve@x>',
};

describe('composeCommitMessage', () => {
  for (const [name, forged] of Object.entries(forgeries)) {
    it(`gives git no trailer from a person's message with ${name}`, () => {
      const plain = composeCommitMessage(forged, { fallbackSubject: 'Update values' });
      expect(trailersGitSees(plain)).toEqual({ log: '', parse: '' });
      const approved = composeCommitMessage(forged, { fallbackSubject: 'Update values', trailers: BERTH });
      expect(trailersGitSees(approved)).toEqual({ log: BERTH_LINES, parse: BERTH_LINES });
      // A reader sees the quoted text, never a bare approval line from the person.
      expect(approved.split('\n').filter((l) => /approved/i.test(l))).toEqual(
        expect.arrayContaining(['Approved-by: Ben Okafor <ben.okafor@meridiancare.example>']),
      );
      expect(approved.split('\n').filter((l) => /Eve/.test(l)).every((l) => l.startsWith('> '))).toBe(true);
      expect(approved).not.toMatch(/[\r\u0000-\u0008\u000b-\u001f\u0085\u2028\u2029\u200b\u202e]/);
    });
  }

  it('is tested against forgeries git would really take for trailers', () => {
    for (const name of ['a trailer paragraph', 'CRLF line breaks', 'a space before the colon', 'a patch divider after it', "git's own prefixes"]) {
      expect(trailersGitSees(forgeries[name]).parse, name).toMatch(/Eve/);
    }
  });

  it('keeps an ordinary message as written', () => {
    expect(composeCommitMessage('Scale web to 4 pods\n\nTraffic doubled after the launch.\n', { fallbackSubject: 'x' })).toBe(
      'Scale web to 4 pods\n\nTraffic doubled after the launch.\n',
    );
  });

  it('bounds the subject and keeps the whole first line in the body', () => {
    const long = `Raise memory ${'and more '.repeat(30)}`.trim();
    const message = composeCommitMessage(long, { fallbackSubject: 'x' });
    const [subject, blank, ...body] = message.split('\n');
    expect([...subject].length).toBeLessThanOrEqual(MAX_SUBJECT_CHARS);
    expect(subject.endsWith('…')).toBe(true);
    expect(blank).toBe('');
    expect(body.join('\n')).toContain(long);
  });

  it('falls back to a subject when the person wrote nothing visible', () => {
    expect(composeCommitMessage('\u200b\r\n\u2028 ', { fallbackSubject: 'Update apps/demo/values.yaml' })).toBe('Update apps/demo/values.yaml\n');
  });

  it("writes Berth's trailer values on one line whatever they contain", () => {
    const message = composeCommitMessage('Scale', { fallbackSubject: 'x', trailers: { 'Approved-by': ['Eve\nChange-request: #9 <eve@x>'] } });
    expect(trailersGitSees(message).log).toBe('Approved-by: Eve Change-request: #9 <eve@x>');
  });
});

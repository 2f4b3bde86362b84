import { describe, expect, it } from 'vitest';
import { csvCell, feedbackToCsv, toCsv } from './export-csv';
import type { FeedbackItem } from './types';

describe('CSV export', () => {
  it('quotes commas, quotes and line breaks the RFC 4180 way', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line 1\nline 2')).toBe('"line 1\nline 2"');
    expect(csvCell('cr\r\nlf')).toBe('"cr\r\nlf"');
    expect(csvCell(' padded ')).toBe('" padded "');
    expect(csvCell(null)).toBe('');
    expect(csvCell(42)).toBe('42');
  });

  it.each([
    ['=HYPERLINK("https://evil.example","click")', `"'=HYPERLINK(""https://evil.example"",""click"")"`],
    ['+1+cmd|calc', "'+1+cmd|calc"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
  ])('defuses a formula: %s', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('ends every row with CRLF and keeps columns aligned', () => {
    expect(toCsv([['a', 'b'], ['1', 'x,y']])).toBe('a,b\r\n1,"x,y"\r\n');
  });

  it('exports feedback with absolute links and readable labels', () => {
    const item: FeedbackItem = {
      id: 7,
      kind: 'app-problem',
      title: '=cmd',
      description: 'Line one\nLine "two"',
      severity: 'blocking',
      workedOnAptible: true,
      app: 'scheduler',
      environment: 'production',
      guide: null,
      session: null,
      page: '/apps/scheduler',
      team: 'clinical',
      reporter: { email: 'dmitri.volkov@meridiancare.example', name: 'Dmitri Volkov', team: 'clinical' },
      status: 'wont-fix',
      owner: null,
      knownIssue: false,
      createdAt: '2026-11-20T10:00:00.000Z',
      updatedAt: '2026-11-20T10:00:00.000Z',
      closedAt: null,
      votes: 2,
      comments: 0,
    };
    const [header, row] = feedbackToCsv([item], 'https://berth.example').split('\r\n');
    expect(header.split(',')[0]).toBe('id');
    expect(row).toContain("'=cmd");
    expect(row).toContain('Problem with my app on GCP');
    expect(row).toContain('Won’t fix');
    expect(row).toContain('https://berth.example/feedback/7');
    expect(row.endsWith('"Line one\nLine ""two"""')).toBe(true);
  });
});

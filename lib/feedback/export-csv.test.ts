import { describe, expect, it } from 'vitest';
import { feedbackToCsv } from './export-csv';
import type { FeedbackItem } from './types';

describe('CSV export', () => {
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

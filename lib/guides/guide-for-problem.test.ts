import { describe, expect, it } from 'vitest';
import { guideForProblem, guideHrefForProblem, type KnownProblem } from './guide-for-problem';
import { getGuide } from './load-guides';

describe('guideForProblem', () => {
  it.each(Object.entries(guideForProblem))('%s points at a real guide heading', (_problem, target) => {
    const guide = getGuide(target.slug);
    expect(guide, `guide ${target.slug}`).not.toBeNull();
    if (target.anchor) expect(guide!.headings.map((h) => h.id)).toContain(target.anchor);
    expect(target.title.length).toBeGreaterThan(0);
  });

  it('builds the link the status page uses', () => {
    const problem: KnownProblem = 'OOMKilled';
    expect(guideHrefForProblem(problem)).toBe('/guides/debugging-a-broken-deploy#oomkilled');
  });
});

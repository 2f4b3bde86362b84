// "Is my change live" against a real git repository: the newest commit of an app's files per
// environment, and how many such commits a running revision is behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '@/lib/catalog/load-catalog';
import type { App } from '@/lib/catalog/types';
import { commitChange } from '@/lib/gitops/commit-change';
import type { ConfigRepo } from '@/lib/gitops/config-repo';
import { headRevision, readFile } from '@/lib/gitops/read-repo';
import { makeSampleRepo } from '@/lib/testing/sample-repo';
import { getRevisionFacts } from './get-revision-facts';

let sample: Awaited<ReturnType<typeof makeSampleRepo>>;
let repo: ConfigRepo;
let portal: App;
let initial: string;

async function edit(file: string, change: (text: string) => string, message: string): Promise<string> {
  const head = await headRevision(repo);
  const text = change((await readFile(repo, file, head)) ?? '');
  const result = await commitChange(repo, { files: [{ path: file, text }], baseRevision: head, author: { name: 'Ana Souza', email: 'ana.souza@meridiancare.example' }, message });
  if (result.status !== 'committed') throw new Error(`commit was ${result.status}`);
  return result.revision;
}

beforeAll(async () => {
  sample = await makeSampleRepo();
  repo = sample.repo;
  portal = (await loadCatalog(repo)).apps.find((a) => a.name === 'patient-portal')!;
  initial = await headRevision(repo);
});

afterAll(() => sample?.cleanup());

describe('getRevisionFacts', () => {
  it('follows commits of the app’s files per environment, and ignores other apps’ commits', async () => {
    expect(await getRevisionFacts(repo, portal, 'stage', [initial])).toMatchObject({ latest: { revision: initial, author: 'Priya Raman' }, behind: { [initial]: 0 } });

    const stageEdit = await edit('apps/patient-portal/values-stage.yaml', (t) => `${t}\n# more workers\n`, 'Tune patient-portal in stage\n\nWith a body.');
    const other = await edit('apps/notifications/values.yaml', (t) => `${t}\n# unrelated\n`, 'Tune notifications');
    expect(await headRevision(repo)).toBe(other);

    const stage = await getRevisionFacts(repo, portal, 'stage', [initial, stageEdit]);
    expect(stage?.latest).toMatchObject({ revision: stageEdit, subject: 'Tune patient-portal in stage', author: 'Ana Souza' });
    expect(stage?.behind).toEqual({ [initial]: 1, [stageEdit]: 0 });
    expect(new Date(stage!.latest.time).getTime()).toBeGreaterThan(Date.now() - 60_000);

    // Production's files did not change: what runs there is live.
    const production = await getRevisionFacts(repo, portal, 'production', [initial]);
    expect(production).toMatchObject({ latest: { revision: initial }, behind: { [initial]: 0 } });
  });

  it('counts a shared values change for both environments, and a revert as live again', async () => {
    const before = await headRevision(repo);
    const shared = await edit('apps/patient-portal/values.yaml', (t) => `${t}\n# shared tweak\n`, 'Tune patient-portal everywhere');
    const production = await getRevisionFacts(repo, portal, 'production', [before]);
    expect(production).toMatchObject({ latest: { revision: shared }, behind: { [before]: 1 } });

    const reverted = await edit('apps/patient-portal/values.yaml', (t) => t.replace('\n# shared tweak\n', ''), 'Revert the tweak');
    const again = await getRevisionFacts(repo, portal, 'production', [before, shared]);
    expect(again?.latest.revision).toBe(reverted);
    // Same files as the head ⇒ nothing to wait for, whatever came in between.
    expect(again?.behind[before]).toBe(0);
    expect(again?.behind[shared]).toBe(1);
  });

  it('says a revision that is not in the history is unknown, and answers as of the head it is given', async () => {
    const missing = 'f'.repeat(40);
    expect((await getRevisionFacts(repo, portal, 'stage', [missing]))?.behind).toEqual({ [missing]: null });
    // As of the first commit, nothing came after it.
    expect(await getRevisionFacts(repo, portal, 'stage', [initial], initial)).toMatchObject({ latest: { revision: initial }, behind: { [initial]: 0 } });
  });
});

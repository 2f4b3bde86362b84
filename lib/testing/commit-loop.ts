// A process that does nothing but commit, for tests that SIGKILL it at arbitrary moments:
//   tsx --conditions=react-server lib/testing/commit-loop.ts <repo dir> <round>
// Each commit changes files/<round>-<n>.yaml and apps/demo/values.yaml (two blobs, their trees,
// a commit, the branch, the working tree and index: many places to be cut off). It prints
// "committed <n>" after each, so the parent can kill it mid-way through the next.
// (No top-level await: tsx runs this entry point as CommonJS.)
import { commitChange } from '@/lib/gitops/commit-change';
import { openConfigRepo } from '@/lib/gitops/config-repo';
import { headRevision } from '@/lib/gitops/read-repo';

async function main(): Promise<void> {
  const [dir, round] = process.argv.slice(2);
  const repo = openConfigRepo(dir);
  for (let n = 0; ; n++) {
    const base = await headRevision(repo);
    const padding = 'x'.repeat(2000 + n * 37);
    const result = await commitChange(repo, {
      files: [
        { path: `files/${round}-${n}.yaml`, text: `n: ${n}\npadding: ${padding}\n` },
        { path: 'apps/demo/values.yaml', text: `replicas: ${n}\nround: "${round}"\n` },
      ],
      baseRevision: base,
      author: { name: 'Loop', email: 'loop@meridiancare.example' },
      message: `Round ${round} commit ${n}`,
    });
    if (result.status !== 'committed') throw new Error(`commit ${n}: ${result.status}`);
    process.stdout.write(`committed ${n}\n`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

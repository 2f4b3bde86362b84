// A Berth replica that approves one cutover step and runs its window, for tests that SIGKILL it
// mid-window:
//   node --import tsx --conditions=react-server lib/testing/cutover-replica.ts <db url> <search path|-> <repo dir> <envoy host:port> <step id>
// Prints "running <id>" once the step runs (the share is set in Envoy), then keeps the window
// going until it is killed. (No top-level await: tsx runs this entry point as CommonJS.)
import { createDb } from '@/lib/db/create-db';
import { openConfigRepo } from '@/lib/gitops/config-repo';
import { approveStep } from '@/lib/migration/cutover-steps';

async function main(): Promise<void> {
  const [url, searchPath, repoDir, envoyEndpoint, id] = process.argv.slice(2);
  const db = await createDb({ url, searchPath: searchPath === '-' ? undefined : searchPath });
  const approver = { email: 'esther.adeyemi@meridiancare.example', name: 'Esther Adeyemi', role: 'engineer' as const, team: 'clinical' };
  const result = await approveStep(approver, { id: Number(id) }, { db, repo: openConfigRepo(repoDir), envoyEndpoint, timeScale: 60, leaseMs: 1500, heartbeatMs: 200 });
  if (!result.ok) throw new Error(result.error.message);
  process.stdout.write(`${result.data.status} ${result.data.id}\n`);
  setInterval(() => undefined, 60_000);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

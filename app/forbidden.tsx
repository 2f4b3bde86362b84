import Link from 'next/link';

export default function Forbidden() {
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">403</p>
      <h1 className="mt-2 text-2xl font-semibold text-slate-900">You do not have access to this</h1>
      <p className="mt-3 text-slate-600">
        Only the team that owns an app (or the platform team) can change it. Ask in #platform-help if you think you should.
      </p>
      <p className="mt-6">
        <Link href="/apps">Back to apps</Link>
      </p>
    </div>
  );
}

export default function Unauthorized() {
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">401</p>
      <h1 className="mt-2 text-2xl font-semibold text-slate-900">Sign in to use Berth</h1>
      <p className="mt-3 text-slate-600">
        Berth could not verify who you are. Open it through its usual address so Identity-Aware Proxy can sign you in.
      </p>
    </div>
  );
}

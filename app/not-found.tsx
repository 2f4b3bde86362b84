import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">404</p>
      <h1 className="mt-2 text-2xl font-semibold text-slate-900">We could not find that page</h1>
      <p className="mt-3 text-slate-600">
        The link may be old, or the app or guide may have been renamed. Try the list of apps or the guides.
      </p>
      <p className="mt-6 flex justify-center gap-4">
        <Link href="/">Home</Link>
        <Link href="/apps">Apps</Link>
        <Link href="/guides">Guides</Link>
      </p>
    </div>
  );
}

export function LogsLoading() {
  return (
    <div role="status" className="h-[calc(100vh-22rem)] min-h-[22rem] space-y-2 rounded-b-lg bg-white p-4" aria-label="Reading logs">
      <p className="text-sm text-slate-600">Reading logs…</p>
      {Array.from({ length: 8 }, (_, i) => (
        <div key={i} className="h-3 animate-pulse rounded bg-slate-100 motion-reduce:animate-none" style={{ width: `${60 + ((i * 37) % 35)}%` }} />
      ))}
    </div>
  );
}

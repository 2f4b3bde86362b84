/** A guide's Aptible concepts and the GCP/GKE concepts they became, as two labelled rows of chips. */
export function ConceptChips({ aptible, gcp, limit }: { aptible: string[]; gcp: string[]; limit?: number }) {
  return (
    <dl className="grid grid-cols-[auto_minmax(0,1fr)] items-baseline gap-x-2 gap-y-1.5 text-xs">
      <ChipRow label="Aptible" items={aptible} limit={limit} tone="bg-amber-50 text-amber-900 ring-amber-200" />
      <ChipRow label="GCP" items={gcp} limit={limit} tone="bg-sky-50 text-sky-900 ring-sky-200" />
    </dl>
  );
}

function ChipRow({ label, items, limit, tone }: { label: string; items: string[]; limit?: number; tone: string }) {
  const shown = limit ? items.slice(0, limit) : items;
  const hidden = items.length - shown.length;
  return (
    <>
      <dt className="font-medium text-slate-500">
        {label === 'GCP' ? (
          <>
            <span aria-hidden>→ </span>GCP
          </>
        ) : (
          label
        )}
      </dt>
      <dd>
        <ul className="flex flex-wrap gap-1">
          {shown.map((item) => (
            <li key={item} className={`rounded px-1.5 py-0.5 ring-1 ring-inset ${tone}`}>
              {item}
            </li>
          ))}
          {hidden > 0 ? (
            <li className="px-1 py-0.5 text-slate-500" title={items.slice(shown.length).join(', ')}>
              +{hidden} more
            </li>
          ) : null}
        </ul>
      </dd>
    </>
  );
}

// The log filters' control and label styles, shared by the filter bar and its custom range.
export const controlClass =
  'block rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 shadow-xs disabled:bg-slate-100 disabled:text-slate-500';
export const labelClass = 'block text-xs font-medium text-slate-700';

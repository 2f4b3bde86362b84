// How each verdict looks: colour AND a symbol and a word, never colour alone.
import type { HealthVerdict } from '@/lib/kube/app-status';

export const VERDICT_STYLE: Record<HealthVerdict, { label: string; symbol: string; dot: string; panel: string; text: string }> = {
  healthy: { label: 'Healthy', symbol: '✓', dot: 'bg-emerald-600 text-white', panel: 'border-emerald-300 bg-emerald-50', text: 'text-emerald-900' },
  progressing: { label: 'Progressing', symbol: '↻', dot: 'bg-sky-600 text-white', panel: 'border-sky-300 bg-sky-50', text: 'text-sky-900' },
  degraded: { label: 'Degraded', symbol: '!', dot: 'bg-amber-500 text-slate-950', panel: 'border-amber-300 bg-amber-50', text: 'text-amber-950' },
  down: { label: 'Down', symbol: '✕', dot: 'bg-red-700 text-white', panel: 'border-red-300 bg-red-50', text: 'text-red-900' },
  unknown: { label: 'Unknown', symbol: '?', dot: 'bg-slate-400 text-slate-950', panel: 'border-slate-300 bg-slate-50', text: 'text-slate-800' },
  'not-deployed': { label: 'Not deployed', symbol: '–', dot: 'bg-slate-200 text-slate-700 ring-1 ring-slate-400', panel: 'border-slate-300 bg-white', text: 'text-slate-800' },
};

'use client';
// Break-glass, offered where the logs would be: what it means, a reason, how long. The grant is
// recorded with the reason and shown to the owning team; the logs load as soon as it exists.
import { useRouter } from 'next/navigation';
import { type FormEvent, useId, useState } from 'react';
import { fetchJson } from '@/components/data/fetch-json';
import { Button } from '@/components/ui/button';
import type { BreakGlassOffer } from './log-failure';

function durationLabel(minutes: number): string {
  return minutes < 60 ? `${minutes} minutes` : minutes === 60 ? '1 hour' : `${minutes / 60} hours`;
}

export function BreakGlassForm({ offer, refusal, onGranted }: { offer: BreakGlassOffer; refusal: string; onGranted: () => void }) {
  const router = useRouter();
  const id = useId();
  const [reason, setReason] = useState('');
  const [minutes, setMinutes] = useState(offer.durations.includes(60) ? 60 : offer.durations[0]);
  const [state, setState] = useState<{ status: 'idle' | 'sending' } | { status: 'failed'; message: string }>({ status: 'idle' });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setState({ status: 'sending' });
    const result = await fetchJson(`/api/apps/${encodeURIComponent(offer.app)}/logs/break-glass`, {
      method: 'POST',
      body: { environment: offer.environment, reason, minutes },
    });
    if (!result.ok) {
      setState({ status: 'failed', message: result.error.message });
      return;
    }
    setState({ status: 'idle' });
    onGranted();
    router.refresh(); // the page's notice says the logs are read through break-glass, and until when
  };

  return (
    <section aria-labelledby={`${id}-title`} className="mx-auto max-w-2xl rounded-lg border border-amber-300 bg-amber-50 px-6 py-6">
      <h3 id={`${id}-title`} className="font-semibold text-amber-950">
        These logs may hold patient data
      </h3>
      <p className="mt-2 text-sm text-amber-950">{refusal}</p>
      <p className="mt-2 text-sm text-amber-950">
        Breaking glass gives you {offer.environment} logs of {offer.app} for a limited time. Your reason, the time and every
        line you read are recorded; the owning team sees it on the app page and in their badge, and the platform team in the
        weekly activity report. Likely patient data stays masked.
      </p>
      <form onSubmit={(event) => void submit(event)} className="mt-4 space-y-3">
        <div>
          <label htmlFor={`${id}-reason`} className="block text-sm font-medium text-slate-900">
            Why do you need these logs now?
          </label>
          <textarea
            id={`${id}-reason`}
            required
            minLength={15}
            maxLength={500}
            rows={3}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            aria-describedby={`${id}-reason-hint`}
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          />
          <p id={`${id}-reason-hint`} className="mt-1 text-xs text-slate-700">
            What and why, e.g. the incident or ticket: “INC-2231 — provider-api 502s seen from scheduler, checking its side”.
          </p>
        </div>
        <div>
          <label htmlFor={`${id}-minutes`} className="block text-sm font-medium text-slate-900">
            For
          </label>
          <select
            id={`${id}-minutes`}
            value={minutes}
            onChange={(event) => setMinutes(Number(event.target.value))}
            className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
          >
            {offer.durations.map((m) => (
              <option key={m} value={m}>
                {durationLabel(m)}
              </option>
            ))}
          </select>
        </div>
        {state.status === 'failed' ? (
          <p role="alert" className="text-sm text-red-800">
            {state.message}
          </p>
        ) : null}
        <Button type="submit" variant="danger" disabled={state.status === 'sending'}>
          {state.status === 'sending' ? 'Breaking glass…' : 'Break glass and read the logs'}
        </Button>
      </form>
    </section>
  );
}

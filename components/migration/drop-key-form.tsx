'use client';
// "This key stays behind on Aptible, because …": the reason is committed to migration.yaml under
// the person's name. Taking it back empties the reason.
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { dropConfigKeyAction } from '@/lib/migration/actions';

export function DropKeyForm({ app, revision, configKey, dropped }: { app: string; revision: string; configKey: string; dropped: boolean }) {
  const router = useRouter();
  const id = useId();
  const [reason, setReason] = useState('');
  const [status, setStatus] = useState<{ busy?: boolean; error?: string }>({});
  const save = async (text: string) => {
    setStatus({ busy: true });
    let result;
    try {
      result = await dropConfigKeyAction({ app, baseRevision: revision, key: configKey, reason: text });
    } catch {
      return setStatus({ error: 'Berth could not be reached; nothing was saved.' });
    }
    if (!result.ok) return setStatus({ error: result.error.message });
    setStatus({});
    setReason('');
    router.refresh();
  };
  if (dropped) {
    return (
      <div>
        <Button type="button" variant="ghost" disabled={status.busy} onClick={() => void save('')} aria-label={`Take back: ${configKey} is not dropped`}>
          Take back
        </Button>
        {status.error ? <p role="alert" className="text-xs text-red-800">{status.error}</p> : null}
      </div>
    );
  }
  return (
    <form
      className="flex flex-wrap items-end gap-1"
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim()) void save(reason.trim());
        else setStatus({ error: 'Say why it stays behind.' });
      }}
    >
      <label htmlFor={id} className="sr-only">
        Why {configKey} stays behind on Aptible
      </label>
      <input id={id} value={reason} maxLength={500} placeholder="Why it stays behind" onChange={(e) => setReason(e.target.value)} className="min-w-0 flex-1 rounded-md border border-slate-300 px-2 py-1 text-sm" />
      <Button type="submit" variant="secondary" disabled={status.busy} aria-label={`Drop on purpose: ${configKey}`}>
        {status.busy ? 'Saving…' : 'Drop on purpose'}
      </Button>
      {status.error ? (
        <p role="alert" className="w-full text-xs text-red-800">
          {status.error}
        </p>
      ) : null}
    </form>
  );
}

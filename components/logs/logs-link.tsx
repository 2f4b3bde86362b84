import Link from 'next/link';
import type { LogAccess } from '@/lib/logs/log-access';

/** An environment's "Logs" link, saying when reading them needs break-glass or is not possible. */
export function LogsLink({ app, environment, access }: { app: string; environment: string; access: LogAccess | undefined }) {
  const href = `/apps/${app}/logs?env=${environment}`;
  if (!access || access.allowed) {
    return (
      <Link href={href} className="ml-2 text-sm font-normal" aria-label={`${environment} logs`}>
        Logs{access?.breakGlass ? ' (break-glass)' : ''}
      </Link>
    );
  }
  if (!access.canBreakGlass) return <span className="ml-2 text-sm font-normal text-slate-500">Logs: not for you</span>;
  return (
    <Link href={href} className="ml-2 text-sm font-normal" aria-label={`${environment} logs (break-glass needed)`} title={access.reason}>
      Logs (break-glass)
    </Link>
  );
}

import type { Environment } from '@/lib/catalog/types';
import type { LogAccess } from '@/lib/logs/log-access';

/**
 * Above the logs: which environments' logs may hold patient data and on what ground this person
 * reads them — their team's app, or break-glass until a time, with the reason they gave.
 */
export function LogAccessNotice({ environments, access }: { environments: Environment[]; access: Map<string, LogAccess> }) {
  const lines = environments.flatMap((environment) => {
    const answer = access.get(environment.name);
    if (!environment.logsHoldPhi || !answer?.allowed) return [];
    const grant = answer.breakGlass;
    return [
      <li key={environment.name}>
        <strong className="capitalize">{environment.name}</strong> logs may hold patient data:{' '}
        {grant ? (
          <>
            you read them through break-glass until {grant.expiresAt.slice(11, 16)} UTC (“{grant.reason}”); the owning team has been told.
          </>
        ) : (
          <>your reads are recorded with your name.</>
        )}{' '}
        Likely patient data is masked until you show it unmasked with a reason.
      </li>,
    ];
  });
  if (lines.length === 0) return null;
  return (
    <section aria-label="Patient data in these logs" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-950">
      <ul className="space-y-1">{lines}</ul>
    </section>
  );
}

import Link from 'next/link';
import { logger } from '@/lib/logger/logger';
import { type CutoverAlarm, getCutoverAlarm } from '@/lib/migration/cutover-view';

/**
 * At the top of the app page, loudly: a cutover rollback Berth cannot get through to Envoy (GKE
 * may still have its share). Mount: <CutoverAlarmBanner app="…" />. Gone once the rollback lands.
 */
export async function CutoverAlarmBanner({ app }: { app: string }) {
  let alarm: CutoverAlarm | null;
  try {
    alarm = await getCutoverAlarm(app);
  } catch (error) {
    logger.error({ err: error, app }, 'cutover alarm banner: could not read the cutover steps');
    return null;
  }
  if (!alarm) return null;
  return (
    <section role="alert" aria-label="Cutover rollback failing" className="mb-6 rounded-lg border-2 border-red-700 bg-red-50 px-4 py-3 text-sm text-red-900">
      <p className="font-semibold">Berth cannot reach Envoy to set GKE&rsquo;s share of {app} back to 0.</p>
      <p className="mt-1">
        GKE may still have {alarm.share} % of the traffic. Failing since {alarm.failingSince.slice(11, 19)} UTC ({alarm.attempts} attempt{alarm.attempts === 1 ? '' : 's'}): {alarm.error} Berth keeps trying.{' '}
        <Link href={`/apps/${app}/migration#cutover`}>The cutover →</Link>
      </p>
    </section>
  );
}

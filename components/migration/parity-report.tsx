// Parity with Aptible, key by key, service by service, endpoint by endpoint. Names and shapes
// only: the report holds no value of any variable. Renders on the server (the recorded parity) and
// in the browser (a fresh paste's comparison); drop forms only where the keys are recorded.
import type { ConfigKeyParity, ParityReport, ServiceComparison } from '@/lib/migration/compute-parity';
import { DropKeyForm } from './drop-key-form';

function placement(p: ConfigKeyParity['byEnvironment'][string]) {
  if (p.status === 'env') return <span>{p.where}</span>;
  if (p.status === 'secret-env') return <span>secretEnv → <span className="font-mono">{p.secret}</span></span>;
  return <span className="font-medium text-red-800">missing</span>;
}

const STATUS_WORDS: Record<ConfigKeyParity['status'], string> = { env: 'In env', 'secret-env': 'From Secret Manager', dropped: 'Dropped on purpose', missing: 'Missing' };

function comparison(c: ServiceComparison | { missing: true }, aptible: { containerCount: number; containerSizeMb: number; command: string }) {
  if ('missing' in c) return <span className="font-medium text-red-800">no deployment</span>;
  const mark = (same: boolean) => (same ? '' : ' ≠');
  return (
    <ul className="space-y-0.5">
      <li>
        {aptible.containerCount} container{aptible.containerCount === 1 ? '' : 's'} ↔ {c.replicas} replica{c.replicas === 1 ? '' : 's'}
        {c.autoscaled ? ' (autoscaled minimum)' : ''}
        {mark(c.containerCount === 'same')}
      </li>
      <li>
        {aptible.containerSizeMb} MB ↔ {c.memoryLimitMb === null ? 'no memory limit' : `${c.memoryLimitMb} MB limit`}
        {mark(c.containerSize === 'same')}
      </li>
      <li>
        <span className="font-mono text-xs">{aptible.command}</span> ↔ <span className="font-mono text-xs">{c.command ?? 'the image’s own'}</span>
        {mark(c.commandMatch === 'same')}
      </li>
    </ul>
  );
}

export function ParityReportView({ report, environments, editable }: { report: ParityReport; environments: string[]; editable?: { app: string; revision: string } }) {
  const { summary } = report;
  return (
    <div className="space-y-5">
      <p className="text-sm text-slate-700" role="status">
        {summary.complete ? 'Parity complete: ' : 'Parity not finished: '}
        {report.keys.length} config key{report.keys.length === 1 ? '' : 's'} ({summary.keys.env} in env, {summary.keys['secret-env']} from Secret Manager, {summary.keys.dropped} dropped on purpose,{' '}
        {summary.keys.missing} missing); {report.services.length - summary.servicesMissing} of {report.services.length} service{report.services.length === 1 ? '' : 's'} with a deployment;{' '}
        {report.endpoints.length - summary.endpointsMissing} of {report.endpoints.length} endpoint{report.endpoints.length === 1 ? '' : 's'} routed.
      </p>

      {report.keys.length > 0 ? (
        <div className="overflow-x-auto">
          <table className="min-w-full text-left text-sm">
            <caption className="text-left font-medium text-slate-900">Config keys</caption>
            <thead>
              <tr className="border-b border-slate-200 text-slate-600">
                <th scope="col" className="py-1 pr-3 font-medium">Key</th>
                {environments.map((e) => (
                  <th key={e} scope="col" className="py-1 pr-3 font-medium capitalize">{e}</th>
                ))}
                <th scope="col" className="py-1 pr-3 font-medium">Accounted for</th>
              </tr>
            </thead>
            <tbody>
              {report.keys.map((k) => (
                <tr key={k.key} className="border-b border-slate-100 align-top">
                  <th scope="row" className="py-1.5 pr-3 font-mono text-xs font-normal">{k.key}</th>
                  {environments.map((e) => (
                    <td key={e} className="py-1.5 pr-3">{k.byEnvironment[e] ? placement(k.byEnvironment[e]) : '—'}</td>
                  ))}
                  <td className="py-1.5 pr-3">
                    <span className={k.status === 'missing' ? 'font-medium text-red-800' : ''}>{STATUS_WORDS[k.status]}</span>
                    {k.droppedReason ? <span className="text-slate-600">: {k.droppedReason}</span> : null}
                    {editable && (k.status === 'missing' || k.status === 'dropped') ? (
                      <DropKeyForm app={editable.app} revision={editable.revision} configKey={k.key} dropped={k.status === 'dropped'} />
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {report.services.length > 0 ? (
        <div className="overflow-x-auto">
          <table className="min-w-full text-left text-sm">
            <caption className="text-left font-medium text-slate-900">Services (Aptible ↔ GKE; ≠ marks a difference)</caption>
            <thead>
              <tr className="border-b border-slate-200 text-slate-600">
                <th scope="col" className="py-1 pr-3 font-medium">Aptible service → deployment</th>
                {environments.map((e) => (
                  <th key={e} scope="col" className="py-1 pr-3 font-medium capitalize">{e}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {report.services.map((s) => (
                <tr key={s.service} className="border-b border-slate-100 align-top">
                  <th scope="row" className="py-1.5 pr-3 font-normal">
                    <span className="font-mono text-xs">{s.service}</span> → {s.deployment ? <span className="font-mono text-xs">{s.deployment}</span> : <span className="text-red-800">none</span>}
                  </th>
                  {environments.map((e) => (
                    <td key={e} className="py-1.5 pr-3">{s.byEnvironment[e] ? comparison(s.byEnvironment[e], s.aptible) : '—'}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {report.unmappedDeployments.length > 0 ? (
            <p className="mt-1 text-sm text-slate-600">New in GKE (no Aptible service): {report.unmappedDeployments.join(', ')}.</p>
          ) : null}
        </div>
      ) : null}

      {report.endpoints.length > 0 ? (
        <div className="overflow-x-auto">
          <table className="min-w-full text-left text-sm">
            <caption className="text-left font-medium text-slate-900">Endpoints</caption>
            <thead>
              <tr className="border-b border-slate-200 text-slate-600">
                <th scope="col" className="py-1 pr-3 font-medium">Aptible endpoint</th>
                <th scope="col" className="py-1 pr-3 font-medium">virtualService host</th>
                <th scope="col" className="py-1 pr-3 font-medium">In the values</th>
              </tr>
            </thead>
            <tbody>
              {report.endpoints.map((e) => (
                <tr key={e.hostname} className="border-b border-slate-100 align-top">
                  <th scope="row" className="py-1.5 pr-3 font-normal">
                    <span className="font-mono text-xs break-all">{e.hostname}</span> ({e.type}
                    {e.internal ? ', internal' : ''})
                  </th>
                  <td className="py-1.5 pr-3 font-mono text-xs break-all">{e.internal ? 'cluster Service' : e.expectedHost}</td>
                  <td className="py-1.5 pr-3">
                    {Object.entries(e.byEnvironment).map(([env, state]) => (
                      <span key={env} className={`mr-2 ${state === 'missing' ? 'font-medium text-red-800' : ''}`}>
                        {env}: {state === 'routed' ? 'routed' : state === 'in-cluster' ? 'in-cluster Service' : 'missing'}
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

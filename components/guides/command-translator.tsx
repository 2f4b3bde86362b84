'use client';

import Link from 'next/link';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { BerthUser } from '@/lib/auth/user';
import type { AppShape, TranslatorEnvironment } from '@/lib/guides/app-shape';
import { describeAccess, type AccessNote } from '@/lib/guides/describe-access';
import type { CommandEntry, EquivalentTool } from '@/lib/guides/schemas';
import type { translateCommand, TranslationResult } from '@/lib/guides/translate-command';
import { translatorStart } from '@/lib/guides/translator-start';
import { CopyButton } from './copy-button';

type Props = {
  commands: CommandEntry[];
  environments: TranslatorEnvironment[];
  apps: AppShape[];
  guideTitles: Record<string, string>;
  initial: { q: string; app: string; env: string };
  /** The server's translation of `initial.q`, shown until the translator's code is in (null: none). */
  initialResult: TranslationResult | null;
  /** Who is reading: what Berth lets them do, and their IAM database user. */
  viewer: BerthUser;
};

const EXAMPLES = [
  'aptible apps:scale web --container-count 3 --app patient-portal',
  'aptible logs --app intake-forms',
  'aptible ssh --app care-admin bin/rails console',
  'aptible config:set FEATURE_VIDEO_VISITS=true --app patient-portal',
  'aptible db:tunnel provider-api-db',
  'aptible ps',
];

const toolLabels: Record<EquivalentTool, string> = { kubectl: 'kubectl', gcloud: 'gcloud', helm: 'helm', git: 'git', shell: 'shell', berth: 'In Berth' };
const SHELL: ReadonlySet<EquivalentTool> = new Set(['kubectl', 'gcloud', 'helm', 'git', 'shell']);

// The translator (its parser, templates and suggestions) is most of this page's code: it loads
// right after the page renders, while the input is already usable. Until then the server's
// translation of the link's command stands, and anything typed waits for it in a loading state.
type Translate = typeof translateCommand;
const loadTranslator = () => import('@/lib/guides/translate-command');

/** The aptible → kubectl / gcloud / helm / git / Berth translator; the URL keeps what was typed. */
export function CommandTranslator({ commands, environments, apps, guideTitles, initial, initialResult, viewer }: Props) {
  const [start] = useState(() => translatorStart(initial, environments, apps));
  const [input, setInput] = useState(initial.q);
  const [pickedApp, setPickedApp] = useState(start.app);
  const [env, setEnv] = useState(start.env);
  const inputRef = useRef<HTMLInputElement>(null);
  const ids = useId();

  const [translator, setTranslator] = useState<{ translate: Translate } | { failed: true } | null>(null);
  useEffect(() => {
    let current = true;
    loadTranslator().then(
      (module) => current && setTranslator({ translate: module.translateCommand }),
      () => current && setTranslator({ failed: true }),
    );
    return () => {
      current = false;
    };
  }, []);

  const picked = apps.find((app) => app.name === pickedApp);
  const translate = translator && 'translate' in translator ? translator.translate : null;
  // null: nothing typed; undefined: typed, and the translator's code is not in yet.
  const result = useMemo((): TranslationResult | null | undefined => {
    if (!input.trim()) return null;
    if (translate) return translate(input, commands, { app: picked, env, user: viewer.email }, { environments, apps });
    return input === initial.q && pickedApp === start.app && env === start.env && initialResult ? initialResult : undefined;
  }, [translate, input, commands, picked, pickedApp, env, viewer.email, environments, apps, initial.q, start, initialResult]);
  // The app and environment the commands were filled for (a typed --app or --environment wins).
  const shownApp = apps.find((app) => app.name === result?.app) ?? picked;
  const environment = environments.find((e) => e.name === (result?.env ?? env));
  const access =
    result?.entry &&
    describeAccess(result.entry.access, viewer, {
      app: shownApp ? { name: shownApp.name, team: shownApp.team, namespace: shownApp.namespace } : null,
      environment: environment
        ? { name: environment.name, requiresApproval: environment.requiresApproval, logsHoldPhi: environment.logsHoldPhi, context: environment.context, project: environment.project }
        : null,
    });

  // A command typed (or filled by a test) before React hydrated sits in the input but not in state.
  useEffect(() => {
    const typed = inputRef.current?.value ?? '';
    if (typed !== initial.q) setInput(typed);
  }, [initial.q]);

  // Keep the URL shareable without adding a history entry per keystroke.
  useEffect(() => {
    // A value that looks like a secret never goes into the address bar, history or IAP's logs:
    // until the translator (which redacts it) is in, the address bar waits.
    if (result === undefined) return;
    const params = new URLSearchParams();
    const q = result ? result.redactedInput : input.trim();
    if (q) params.set('q', q);
    if (pickedApp) params.set('app', pickedApp);
    if (env && env !== environments[0]?.name) params.set('env', env);
    const query = params.toString();
    const url = `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`;
    if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) window.history.replaceState(null, '', url);
  }, [input, result, pickedApp, env, environments]);

  function use(command: string) {
    setInput(command);
    inputRef.current?.focus();
  }

  return (
    <section aria-labelledby={`${ids}-title`} className="min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm wrap-anywhere sm:p-5">
      <h2 id={`${ids}-title`} className="sr-only">
        Translate a command
      </h2>
      <form onSubmit={(event) => event.preventDefault()} className="space-y-3" role="search" aria-label="Translate an aptible command">
        <label htmlFor={`${ids}-input`} className="block text-sm font-medium text-slate-900">
          Aptible command
        </label>
        <div className="flex items-center rounded-md border border-slate-300 bg-slate-50 font-mono text-sm focus-within:border-brand-600 focus-within:ring-1 focus-within:ring-brand-600">
          <span aria-hidden className="select-none pl-3 text-slate-400">
            $
          </span>
          <input
            ref={inputRef}
            id={`${ids}-input`}
            value={input}
            onChange={(event) => setInput(event.target.value)}
            placeholder="aptible apps:scale web --container-count 3 --app patient-portal"
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            className="w-full bg-transparent px-2 py-2 outline-none"
          />
          {input ? (
            <button type="button" onClick={() => use('')} className="px-3 text-xs font-sans text-slate-500 hover:text-slate-900" aria-label="Clear the command">
              Clear
            </button>
          ) : null}
        </div>
        <div className="flex flex-wrap items-end gap-3">
          <label className="min-w-0 max-w-full text-sm">
            <span className="block text-slate-700">Or pick a command</span>
            <select
              value=""
              onChange={(event) => event.target.value && use(`aptible ${event.target.value} `)}
              className="mt-1 max-w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 font-mono text-sm"
            >
              <option value="">aptible …</option>
              {commands.map((entry) => (
                <option key={entry.id} value={entry.command}>
                  aptible {entry.command}
                  {entry.removed ? ' (removed)' : ''}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm">
            <span className="block text-slate-700">App</span>
            <select value={pickedApp} onChange={(event) => setPickedApp(event.target.value)} className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm">
              <option value="">(none: use --app)</option>
              {apps.map((app) => (
                <option key={app.name} value={app.name}>
                  {app.name}
                </option>
              ))}
            </select>
          </label>
          <fieldset className="text-sm">
            <legend className="text-slate-700">Environment</legend>
            <div className="mt-1 inline-flex overflow-hidden rounded-md ring-1 ring-inset ring-slate-300">
              {environments.map((candidate) => (
                <label
                  key={candidate.name}
                  className={`cursor-pointer px-3 py-1.5 capitalize has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600 ${
                    env === candidate.name ? 'bg-brand-700 text-white' : 'bg-white text-slate-700 hover:bg-slate-50'
                  }`}
                >
                  <input type="radio" name={`${ids}-env`} value={candidate.name} checked={env === candidate.name} onChange={() => setEnv(candidate.name)} className="sr-only" />
                  {candidate.name}
                </label>
              ))}
            </div>
          </fieldset>
          {shownApp ? (
            <p className="pb-1.5 text-xs text-slate-600">
              <span className="font-medium text-slate-800">{shownApp.name}</span>: namespace <code className="font-mono">{shownApp.namespace}</code>
              {environment ? (
                <>
                  {' '}
                  · context <code className="font-mono">{environment.context}</code> · project <code className="font-mono">{environment.project}</code> ·
                  deployments{' '}
                  <code className="font-mono">{(shownApp.environments[environment.name]?.deployments ?? []).map((d) => d.name).join(', ') || 'none'}</code>
                </>
              ) : null}
            </p>
          ) : null}
        </div>
      </form>

      <div className="mt-5 border-t border-slate-100 pt-4">
        {result ? (
          <TranslationView result={result} guideTitles={guideTitles} access={access || null} onUse={use} />
        ) : result === undefined ? (
          translator && 'failed' in translator ? (
            <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
              The translator could not be loaded: check your connection, then{' '}
              <button type="button" className="font-medium underline" onClick={() => window.location.reload()}>
                reload the page
              </button>
              .
            </p>
          ) : (
            <p role="status" className="text-sm text-slate-600">
              Loading the translator…
            </p>
          )
        ) : (
          <div>
            <p className="text-sm text-slate-700">Type a command as you ran it on Aptible, with its flags, or try one of these:</p>
            <ul className="mt-2 flex flex-wrap gap-2">
              {EXAMPLES.map((example) => (
                <li key={example}>
                  <button
                    type="button"
                    onClick={() => use(example)}
                    className="rounded-md bg-slate-100 px-2 py-1 font-mono text-xs text-slate-800 hover:bg-slate-200"
                  >
                    {example}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </section>
  );
}

function TranslationView({
  result,
  guideTitles,
  access,
  onUse,
}: {
  result: TranslationResult;
  guideTitles: Record<string, string>;
  access: AccessNote | null;
  onUse: (command: string) => void;
}) {
  const { entry } = result;

  if (result.status === 'unknown' || !entry) {
    return (
      <div aria-live="polite">
        {result.commandName ? (
          <p className="font-medium text-slate-900">
            <code className="font-mono">aptible {result.commandName}</code> is not a command we have a translation for.
          </p>
        ) : null}
        <Warnings warnings={result.warnings} />
        {result.suggestions.length > 0 ? (
          <div className="mt-3">
            <p className="text-sm text-slate-700">Did you mean:</p>
            <ul className="mt-1 flex flex-wrap gap-2">
              {result.suggestions.map((suggestion) => (
                <li key={suggestion.id}>
                  <button
                    type="button"
                    onClick={() => onUse(`aptible ${suggestion.command} `)}
                    className="rounded-md bg-brand-50 px-2 py-1 font-mono text-sm text-brand-800 ring-1 ring-inset ring-brand-600/30 hover:bg-brand-100"
                  >
                    aptible {suggestion.command}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ) : result.commandName ? (
          <p className="mt-2 text-sm text-slate-700">
            Pick one from the list above, look it up in the <a href="#reference">command reference</a>, or ask in #platform-help.
          </p>
        ) : null}
      </div>
    );
  }

  return (
    <div className="space-y-4">
      <div>
        <p className="text-sm text-slate-600" aria-live="polite">
          <code className="font-mono font-medium text-slate-900">aptible {entry.command}</code>
          {' · '}
          {result.equivalents.length === 1 ? 'one equivalent' : `${result.equivalents.length} equivalents`}
        </p>
        <p className="mt-1 text-slate-800">{entry.summary}</p>
      </div>

      {result.status === 'removed' && entry.removed ? (
        <div role="note" className="rounded-lg border-l-4 border-amber-400 bg-amber-50 px-4 py-3 text-sm text-amber-950">
          <p>
            <strong className="font-semibold">Removed:</strong> <code className="font-mono">aptible {entry.command}</code> was removed in {entry.removed.since}.
            Use instead: {entry.removed.replacement}.
          </p>
        </div>
      ) : null}

      <Warnings warnings={result.warnings} />
      {result.unknownFlags.length > 0 ? (
        <p className="text-sm text-amber-900">
          Ignored: {result.unknownFlags.map((flag) => <code key={flag} className="mr-1 font-mono">{flag}</code>)}
          (not a flag of <code className="font-mono">aptible {entry.command}</code>).
        </p>
      ) : null}

      {result.flagsParsed.length > 0 ? (
        <dl className="flex flex-wrap gap-2 text-xs">
          {result.flagsParsed.map((flag, index) => (
            <div key={`${flag.name}-${index}`} className="rounded bg-slate-100 px-2 py-1">
              <dt className="inline font-mono text-slate-500">{flag.name}</dt> <dd className="inline font-mono text-slate-900">{flag.value}</dd>
            </div>
          ))}
        </dl>
      ) : null}

      <ol className="space-y-3" aria-label="Equivalents">
        {result.equivalents.map((equivalent, index) => (
          <li key={`${equivalent.tool}-${index}`} className="rounded-lg border border-slate-200">
            <div className="flex items-center justify-between gap-2 border-b border-slate-100 bg-slate-50 px-3 py-1.5">
              <span className={`text-xs font-semibold ${equivalent.tool === 'berth' ? 'text-brand-800' : 'text-slate-700'}`}>
                {toolLabels[equivalent.tool]}
                {equivalent.deployment ? <span className="font-normal text-slate-600"> · for {equivalent.deployment}</span> : null}
              </span>
              {SHELL.has(equivalent.tool) ? <CopyButton text={equivalent.command} label={`Copy the ${equivalent.tool} command`} /> : null}
            </div>
            <div className="px-3 py-2">
              {SHELL.has(equivalent.tool) ? (
                <pre className="overflow-x-auto whitespace-pre-wrap break-all font-mono text-[0.8125rem] leading-6 text-slate-900">
                  <code>{equivalent.command}</code>
                </pre>
              ) : (
                <p className="font-mono text-[0.8125rem] leading-6 text-slate-900">{equivalent.command}</p>
              )}
              {equivalent.missing.length > 0 ? (
                <p className="mt-1 text-xs text-slate-600">
                  Fill in {equivalent.missing.map((name) => `<${name.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}>`).join(', ')}
                  {['app', 'namespace', 'deployment', 'instance'].some((name) => equivalent.missing.includes(name)) ? ' — or pick an app above.' : '.'}
                </p>
              ) : null}
              {equivalent.note ? <p className="mt-1 text-sm text-slate-700">{equivalent.note}</p> : null}
            </div>
          </li>
        ))}
      </ol>

      {result.berth ? (
        <p className="text-sm">
          <span className="font-medium text-slate-900">The Berth screen that does this: </span>
          {result.berth.missing.length === 0 ? (
            <Link href={result.berth.path}>
              {result.berth.label} <span className="font-mono text-xs text-slate-500">{result.berth.path}</span>
            </Link>
          ) : (
            <span>
              {result.berth.label} <span className="text-slate-600">(pick an app to get the link)</span>
            </span>
          )}
        </p>
      ) : null}

      {entry.noSingleEquivalent ? (
        <div role="note" className="rounded-lg border-l-4 border-sky-300 bg-sky-50 px-4 py-3 text-sm text-sky-950">
          <strong className="font-semibold">No single equivalent:</strong> {entry.noSingleEquivalent}
        </div>
      ) : null}
      {entry.note ? <p className="text-sm text-slate-700">{entry.note}</p> : null}
      {access ? (
        <p className={`text-sm ${access.level === 'allowed' ? 'text-emerald-900' : access.level === 'request' ? 'text-slate-800' : 'text-amber-950'}`}>
          <span className="font-medium">Who may do this: </span>
          {access.text}
        </p>
      ) : null}
      <p className="text-sm">
        Learn more: <Link href={`/guides/${entry.guide}`}>{guideTitles[entry.guide] ?? entry.guide}</Link> ·{' '}
        <a href={`#${entry.id}`}>reference entry</a>
      </p>
    </div>
  );
}

function Warnings({ warnings }: { warnings: string[] }) {
  if (warnings.length === 0) return null;
  return (
    <ul className="mt-2 space-y-1 text-sm text-amber-900">
      {warnings.map((warning) => (
        <li key={warning} className="flex gap-1.5">
          <span aria-hidden>⚠</span>
          {warning}
        </li>
      ))}
    </ul>
  );
}

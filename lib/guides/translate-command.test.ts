import { describe, expect, it } from 'vitest';

import { listCommandEnvironments, listCommands } from './load-commands';
import {
  editDistance,
  fillTemplate,
  tokenizeCommandLine,
  translateCommand,
  type TranslationContext,
  type TranslationResult,
} from './translate-command';

const commands = listCommands();
const environments = listCommandEnvironments();
const production: TranslationContext = { namespace: 'patient-portal', context: 'production' };

function translate(input: string, context: TranslationContext = {}): TranslationResult {
  return translateCommand(input, commands, context, { environments });
}

function commandsOf(result: TranslationResult, tool?: string): string[] {
  return result.equivalents.filter((e) => !tool || e.tool === tool).map((e) => e.command);
}

describe('translateCommand', () => {
  type Case = {
    name: string;
    input: string;
    context?: TranslationContext;
    status: TranslationResult['status'];
    command?: string;
    equivalents?: string[];
    flags?: { name: string; value: string }[];
    unknownFlags?: string[];
    suggestionsStartWith?: string;
    warning?: RegExp;
  };

  const cases: Case[] = [
    {
      name: 'apps:scale with flags fills kubectl and the values keys',
      input: 'aptible apps:scale web --app patient-portal --container-count 3 --container-size 2048',
      context: production,
      status: 'ok',
      command: 'apps:scale',
      equivalents: [
        'kubectl scale deployment/patient-portal-web --replicas=3 -n patient-portal --context production',
        'Values → apps/patient-portal/values-<ENV>.yaml → deployments.web.replicas = 3',
        'Values → deployments.web.resources → limits.memory = 2048Mi, requests.cpu = 500m',
      ],
      flags: [
        { name: '--app', value: 'patient-portal' },
        { name: '--container-count', value: '3' },
        { name: '--container-size', value: '2048' },
        { name: 'SERVICE', value: 'web' },
      ],
    },
    {
      name: 'apps:scale with --flag=value, a profile and an Aptible environment handle',
      input:
        'aptible apps:scale --app=patient-portal worker --container-count=2 --container-size=2048 --container-profile c --env meridian-production',
      context: { namespace: 'patient-portal' },
      status: 'ok',
      equivalents: [
        'kubectl scale deployment/patient-portal-worker --replicas=2 -n patient-portal --context production',
        'Values → deployments.worker.resources → limits.memory = 2048Mi, requests.cpu = 1000m',
        'Values → apps/patient-portal/values-production.yaml → deployments.worker.replicas = 2',
      ],
      flags: [
        { name: '--app', value: 'patient-portal' },
        { name: '--container-count', value: '2' },
        { name: '--container-size', value: '2048' },
        { name: '--container-profile', value: 'c' },
        { name: '--environment', value: 'meridian-production' },
        { name: 'SERVICE', value: 'worker' },
      ],
    },
    {
      name: 'config:set FOO=bar --app patient-portal',
      input: 'aptible config:set FOO=bar --app patient-portal',
      context: production,
      status: 'ok',
      command: 'config:set',
      equivalents: [
        'Values → apps/patient-portal/values-<ENV>.yaml → env.FOO = bar',
        "printf '%s' 'bar' | gcloud secrets versions add <SECRET> --data-file=- --project <PROJECT>",
        'kubectl rollout restart deployment -l app.kubernetes.io/instance=patient-portal -n patient-portal --context production',
      ],
      flags: [
        { name: '--app', value: 'patient-portal' },
        { name: 'VAR=VAL', value: 'FOO=bar' },
      ],
    },
    {
      name: 'config:set with several pairs and a quoted value with spaces',
      input: `aptible config:set --app patient-portal GREETING="hello world" MODE=on --environment stage`,
      status: 'ok',
      equivalents: [
        'Values → apps/patient-portal/values-stage.yaml → env.GREETING = hello world',
        'Values → apps/patient-portal/values-stage.yaml → env.MODE = on',
        "printf '%s' 'hello world' | gcloud secrets versions add <SECRET> --data-file=- --project meridian-stage",
        "printf '%s' 'on' | gcloud secrets versions add <SECRET> --data-file=- --project meridian-stage",
      ],
    },
    {
      name: "quoting: a single quote inside a value placed in a single-quoted template",
      input: `aptible config:set --app care-admin "BANNER=it's down"`,
      status: 'ok',
      equivalents: [`printf '%s' 'it'\\''s down' | gcloud secrets versions add <SECRET> --data-file=- --project <PROJECT>`],
    },
    {
      name: 'quoting: a bare value with spaces is shell-quoted',
      input: `aptible logs --app "patient portal"`,
      context: { namespace: 'patient-portal', context: 'stage' },
      status: 'ok',
      equivalents: [
        "kubectl logs -l app.kubernetes.io/instance='patient portal' -n patient-portal --context stage -f --all-containers --prefix --max-log-requests=20",
      ],
    },
    {
      name: 'aptible ps is removed, with its replacement',
      input: 'aptible ps --app patient-portal',
      context: production,
      status: 'removed',
      command: 'ps',
      equivalents: ['kubectl get pods -l app.kubernetes.io/instance=patient-portal -n patient-portal --context production -o wide'],
    },
    {
      name: 'aptible scale is not a command: apps:scale is suggested first',
      input: 'aptible scale web --container-count 2',
      status: 'unknown',
      suggestionsStartWith: 'apps:scale',
    },
    {
      name: 'a typo is matched by edit distance',
      input: 'aptible lgos --app patient-portal',
      status: 'unknown',
      suggestionsStartWith: 'logs',
    },
    {
      name: 'a swapped command name is matched',
      input: 'aptible scale:apps web',
      status: 'unknown',
      suggestionsStartWith: 'apps:scale',
    },
    {
      name: 'unknown flags are reported, known ones still parsed',
      input: 'aptible logs --app patient-portal --follow --tail=50',
      status: 'ok',
      unknownFlags: ['--follow', '--tail'],
      flags: [{ name: '--app', value: 'patient-portal' }],
    },
    {
      name: 'a flag without its value warns',
      input: 'aptible logs --app',
      status: 'ok',
      warning: /--app needs a value/,
    },
    {
      name: 'a missing required argument warns and stays a placeholder',
      input: 'aptible apps:scale --app patient-portal --container-count 2',
      context: production,
      status: 'ok',
      equivalents: ['kubectl scale deployment/<DEPLOYMENT> --replicas=2 -n patient-portal --context production'],
      warning: /SERVICE is missing/,
    },
    {
      name: 'ssh takes the rest of the line as the command and defaults to the web deployment',
      input: 'aptible ssh --app care-admin bundle exec rails console',
      context: { namespace: 'care-admin', context: 'production' },
      status: 'ok',
      equivalents: [
        'kubectl exec -it deploy/care-admin-web -c web -n care-admin --context production -- bundle exec rails console',
        'kubectl debug <POD> -it --copy-to=care-admin-debug --container=web -n care-admin --context production -- bundle exec rails console',
      ],
      flags: [
        { name: '--app', value: 'care-admin' },
        { name: 'COMMAND', value: 'bundle' },
        { name: 'COMMAND', value: 'exec' },
        { name: 'COMMAND', value: 'rails' },
        { name: 'COMMAND', value: 'console' },
      ],
    },
    {
      name: 'ssh without a command opens sh; a quoted command stays one word',
      input: `aptible ssh --app care-admin "echo 'hi there'"`,
      context: { namespace: 'care-admin', context: 'stage' },
      status: 'ok',
      equivalents: [`kubectl exec -it deploy/care-admin-web -c web -n care-admin --context stage -- 'echo '\\''hi there'\\'''`],
    },
    {
      name: 'deploy takes the image tag from --docker-image; helm gets --kube-context',
      input: 'aptible deploy --app provider-api --docker-image us-central1-docker.pkg.dev/meridian-shared/apps/provider-api:2026.11.17-9b1e0d3 --env prod',
      context: { namespace: 'provider-api' },
      status: 'ok',
      equivalents: [
        'Values → apps/provider-api/values-production.yaml → image.tag = 2026.11.17-9b1e0d3',
        'helm upgrade --install provider-api ./chart -f apps/provider-api/values.yaml -f apps/provider-api/values-production.yaml -n provider-api --kube-context production --wait',
      ],
    },
    {
      name: 'login fills project, region and cluster from --environment',
      input: 'aptible login',
      context: { env: 'stage' },
      status: 'ok',
      equivalents: [
        'gcloud container clusters get-credentials gke-stage --region us-central1 --project meridian-stage',
        'kubectl config rename-context gke_meridian-stage_us-central1_gke-stage stage',
      ],
    },
    {
      name: 'a shell prompt, an upper-case APTIBLE and a line continuation are fine',
      input: '$ APTIBLE db:tunnel provider-api \\\n  --port 6543 --environment meridian-prod',
      status: 'ok',
      equivalents: ['cloud-sql-proxy --private-ip --port 6543 meridian-prod:us-central1:provider-api'],
    },
    {
      name: 'an unknown Aptible environment warns',
      input: 'aptible db:list --environment sandbox',
      status: 'ok',
      warning: /Unknown Aptible environment "sandbox"/,
      equivalents: ['gcloud sql instances list --project <PROJECT>'],
    },
    {
      name: 'an unclosed quote warns but still translates',
      input: `aptible config:set --app notifications "FOO=bar`,
      status: 'ok',
      warning: /double quote is never closed/,
      equivalents: ['Values → apps/notifications/values-<ENV>.yaml → env.FOO = bar'],
    },
    {
      name: 'VAR= (deleting on Aptible) points to config:unset',
      input: 'aptible config:set --app notifications FOO=',
      status: 'ok',
      warning: /config:unset/,
    },
  ];

  it.each(cases)('$name', (testCase) => {
    const result = translate(testCase.input, testCase.context);
    expect(result.status).toBe(testCase.status);
    if (testCase.command) expect(result.entry?.command).toBe(testCase.command);
    for (const expected of testCase.equivalents ?? []) expect(commandsOf(result)).toContain(expected);
    if (testCase.flags) expect(result.flagsParsed).toEqual(testCase.flags);
    if (testCase.unknownFlags) expect(result.unknownFlags).toEqual(testCase.unknownFlags);
    if (testCase.suggestionsStartWith) expect(result.suggestions[0]?.command).toBe(testCase.suggestionsStartWith);
    if (testCase.warning) expect(result.warnings.join('\n')).toMatch(testCase.warning);
    if (testCase.status === 'unknown') expect(result.equivalents).toEqual([]);
  });

  it('says where aptible ps went', () => {
    const result = translate('aptible ps');
    expect(result.entry?.removed?.since).toContain('0.17.1');
    expect(result.entry?.removed?.replacement).toMatch(/kubectl get pods/);
  });

  it('offers nothing for an unrelated word', () => {
    const result = translate('aptible frobnicate');
    expect(result.status).toBe('unknown');
    expect(result.commandName).toBe('frobnicate');
    expect(result.suggestions).toEqual([]);
  });

  it('asks for a command when there is none', () => {
    expect(translate('aptible').warnings[0]).toMatch(/Type an aptible command/);
    expect(translate('   ').status).toBe('unknown');
    expect(translate('aptible --app x').warnings[0]).toMatch(/Start with the command name/);
  });

  it('lists unfilled placeholders and fills the Berth link only when complete', () => {
    const bare = translate('aptible config --app patient-portal');
    const kubectl = bare.equivalents.find((e) => e.tool === 'kubectl');
    expect(kubectl?.missing).toEqual(['namespace', 'context']);
    expect(bare.berth).toEqual({ label: 'Values editor', path: '/apps/{app}/values/{env}', missing: ['env'] });

    const full = translate('aptible config --app patient-portal --environment production', { namespace: 'patient-portal' });
    expect(full.berth?.path).toBe('/apps/patient-portal/values/production');
    expect(full.equivalents.every((e) => e.missing.length === 0 || e.missing.includes('secret'))).toBe(true);
  });

  it('lets typed flags win over the page context', () => {
    const result = translate('aptible restart --app notifications', { app: 'patient-portal', namespace: 'notifications', context: 'stage' });
    expect(commandsOf(result, 'kubectl')[0]).toBe(
      'kubectl rollout restart deployment -l app.kubernetes.io/instance=notifications -n notifications --context stage',
    );
  });

  it('warns about a container size that is not a number', () => {
    const result = translate('aptible apps:scale web --container-size big');
    expect(result.warnings.join('\n')).toMatch(/size in MB/);
  });
});

describe('tokenizeCommandLine', () => {
  it.each([
    ['aptible logs --app x', ['aptible', 'logs', '--app', 'x']],
    [`a 'b c' "d e" f\\ g`, ['a', 'b c', 'd e', 'f g']],
    [`say "a \\"quoted\\" word"`, ['say', 'a "quoted" word']],
    [`empty '' ""`, ['empty', '', '']],
    ['one \\\n two', ['one', 'two']],
    [`mixed"quo"'tes'`, ['mixedquotes']],
  ])('%s', (input, tokens) => {
    expect(tokenizeCommandLine(input)).toEqual({ tokens });
  });

  it('reports an unclosed quote', () => {
    expect(tokenizeCommandLine(`a 'b`).error).toMatch(/single quote/);
  });
});

describe('fillTemplate', () => {
  it('quotes by position: bare, inside single quotes, inside double quotes', () => {
    const { text } = fillTemplate(`x {v} '{v}' "{v}"`, { v: `a b'$"` }, { shell: true });
    expect(text).toBe(`x 'a b'\\''$"' 'a b'\\''$"' "a b'\\$\\""`);
  });

  it('leaves safe words alone and marks missing placeholders', () => {
    expect(fillTemplate('kubectl -n {namespace} {sizeMb}', { namespace: 'patient-portal' }, { shell: true })).toEqual({
      text: 'kubectl -n patient-portal <SIZE_MB>',
      missing: ['sizeMb'],
    });
  });

  it('does not quote for Berth text', () => {
    expect(fillTemplate('env.{var} = {value}', { var: 'A', value: 'x y' }, { shell: false }).text).toBe('env.A = x y');
  });
});

describe('editDistance', () => {
  it.each([
    ['logs', 'logs', 0],
    ['lgos', 'logs', 2],
    ['scale', 'apps:scale', 5],
    ['', 'abc', 3],
  ])('%s → %s = %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
  });
});

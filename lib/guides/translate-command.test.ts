import { describe, expect, it } from 'vitest';

import { sampleTranslatorCatalog } from '@/lib/testing/sample-translator-catalog';
import type { AppShape } from './app-shape';
import { listCommands } from './load-commands';
import type { CommandArg, CommandEntry } from './schemas';
import {
  editDistance,
  fillTemplate,
  parseImageReference,
  PLACEHOLDERS,
  tokenizeCommandLine,
  translateCommand,
  type TranslationResult,
} from './translate-command';

const commands = listCommands();
const { environments, apps } = sampleTranslatorCatalog();
const app = (name: string) => apps.find((a) => a.name === name) as AppShape;
const USER = 'ana.souza@meridiancare.example';

function translate(input: string, pick: { app?: string; env?: string } = {}): TranslationResult {
  return translateCommand(input, commands, { app: pick.app ? app(pick.app) : undefined, env: pick.env, user: USER }, { environments, apps });
}

function commandsOf(result: TranslationResult, tool?: string): string[] {
  return result.equivalents.filter((e) => !tool || e.tool === tool).map((e) => e.command);
}

describe('the sample catalog the translator fills commands from', () => {
  it('has the eight sample apps, four of them without a web deployment', () => {
    expect(apps.map((a) => a.name)).toEqual(['berth', 'billing-sync', 'care-admin', 'intake-forms', 'notifications', 'patient-portal', 'provider-api', 'scheduler']);
    const withoutWeb = apps.filter((a) => !a.environments.production.deployments.some((d) => d.name === 'web')).map((a) => a.name);
    expect(withoutWeb).toEqual(['billing-sync', 'notifications', 'provider-api', 'scheduler']);
  });

  it('knows which deployments are autoscaled, and where', () => {
    expect(app('provider-api').environments.production.deployments).toEqual([{ name: 'api', hasPort: true, autoscaled: true, replicas: 4 }]);
    expect(app('provider-api').environments.stage.deployments[0].autoscaled).toBe(false);
  });
});

describe('translateCommand: filled from the app', () => {
  it('scales the real deployment, in the picked environment', () => {
    const result = translate('aptible apps:scale web --container-count 3 --container-size 2048 --app patient-portal', { env: 'stage' });
    expect(commandsOf(result)).toEqual([
      'Values → apps/patient-portal/values-stage.yaml → deployments.web.replicas = 3',
      'Values → deployments.web.resources → limits.memory = 2048Mi, requests.cpu = 500m',
      'kubectl scale deployment/patient-portal-web --replicas=3 -n patient-portal --context stage',
    ]);
    expect(result.berth?.path).toBe('/apps/patient-portal/values/stage');
  });

  it('never assumes a web deployment: an app without one gets a warning, not a broken command', () => {
    const result = translate('aptible apps:scale web --container-count 2 --app scheduler', { env: 'production' });
    expect(result.warnings.join('\n')).toMatch(/scheduler has no deployment "web" in production; its deployments are api, reminders/);
    expect(commandsOf(result, 'kubectl').join('\n')).not.toMatch(/scheduler-web/);
  });

  it('runs ssh against each real deployment when the line names none', () => {
    const result = translate('aptible ssh --app scheduler', { env: 'production' });
    const lines = commandsOf(result, 'kubectl');
    expect(lines).toContain('kubectl exec -it deploy/scheduler-api -c api -n scheduler --context production -- sh');
    expect(lines).toContain('kubectl exec -it deploy/scheduler-reminders -c reminders -n scheduler --context production -- sh');
    expect(lines).toContain(
      `kubectl debug "$(kubectl get pods -l app.kubernetes.io/instance=scheduler,app.kubernetes.io/component=api -n scheduler --context production -o name | head -n 1)" -it --copy-to=scheduler-api-debug --container=api -n scheduler --context production -- sh`,
    );
    expect(lines.join('\n')).not.toMatch(/-web\b/);
    expect(result.equivalents.filter((e) => e.deployment).map((e) => e.deployment)).toEqual(['api', 'reminders', 'api', 'reminders']);
  });

  it('keeps the rest of the ssh line as the command, quoted', () => {
    const result = translate(`aptible ssh --app care-admin bundle exec rails console`, { env: 'production' });
    expect(commandsOf(result, 'kubectl')).toContain('kubectl exec -it deploy/care-admin-web -c web -n care-admin --context production -- bundle exec rails console');
    const quoted = translate(`aptible ssh --app care-admin "echo 'hi there'"`, { env: 'stage' });
    expect(commandsOf(quoted, 'kubectl')).toContain(`kubectl exec -it deploy/care-admin-web -c web -n care-admin --context stage -- 'echo '\\''hi there'\\'''`);
  });

  it('does not offer kubectl scale for an autoscaled deployment: the autoscaler would undo it', () => {
    const production = translate('aptible apps:scale api --container-count 6 --app provider-api', { env: 'production' });
    expect(commandsOf(production, 'kubectl')).toEqual([]);
    expect(commandsOf(production, 'berth')).toContain('Values → apps/provider-api/values-production.yaml → autoscaling.minReplicas = 6');
    expect(commandsOf(production, 'berth').join('\n')).not.toMatch(/deployments\.api\.replicas/);
    // In stage provider-api is not autoscaled: kubectl scale is fine there.
    const stage = translate('aptible apps:scale api --container-count 6 --app provider-api', { env: 'stage' });
    expect(commandsOf(stage, 'kubectl')).toEqual(['kubectl scale deployment/provider-api-api --replicas=6 -n provider-api --context stage']);
  });

  it('maps an Aptible environment handle and a former Aptible app name', () => {
    const result = translate('aptible restart --app admin --environment meridian-production');
    expect(result.app).toBe('care-admin');
    expect(result.env).toBe('production');
    expect(commandsOf(result, 'kubectl')[0]).toBe('kubectl rollout restart deployment -l app.kubernetes.io/instance=care-admin -n care-admin --context production');
    expect(result.warnings.join('\n')).toMatch(/admin was the Aptible name; the app is care-admin now/);
  });

  it('lets a typed --app win over the picked app', () => {
    const result = translate('aptible restart --app notifications', { app: 'patient-portal', env: 'stage' });
    expect(commandsOf(result, 'kubectl')).toContain('kubectl rollout status deployment/notifications-consumer -n notifications --context stage');
  });

  it('finds the Cloud SQL instance from the Aptible database handle', () => {
    const result = translate('$ APTIBLE db:tunnel provider-api-db \\\n  --port 6543 --environment meridian-production');
    expect(result.app).toBe('provider-api');
    expect(commandsOf(result)).toEqual(['cloud-sql-proxy --private-ip --auto-iam-authn --port 6543 meridian-prod:us-central1:provider-api']);
    expect(result.equivalents[0].note).toContain(`dbname=provider_api user=${USER}`);
  });

  it('says when a database handle is unknown', () => {
    const result = translate('aptible db:backup nope-db', { env: 'stage' });
    expect(result.warnings.join('\n')).toMatch(/"nope-db" is not a database we know/);
  });

  it('sets plain VAR=VAL pairs as env entries, one line each', () => {
    const result = translate('aptible config:set FEATURE_VIDEO_VISITS=true LOG_LEVEL=debug --app patient-portal', { env: 'stage' });
    expect(commandsOf(result, 'berth')).toEqual([
      'Values → apps/patient-portal/values-stage.yaml → env.FEATURE_VIDEO_VISITS = true',
      'Values → apps/patient-portal/values-stage.yaml → env.LOG_LEVEL = debug',
    ]);
    expect(commandsOf(result, 'gcloud')).toEqual([]);
  });

  it.each([
    ['a secret-looking name', 'STRIPE_API_KEY=sk_live_abcdefghijklmnop', 'STRIPE_API_KEY', 'patient-portal-stripe-api-key'],
    ['a URL with credentials', 'REPORTS_URL=postgres://reporter:s3cr3t@10.0.0.5/reports', 'REPORTS_URL', 'patient-portal-reports-url'],
    ['a variable the app already reads from Secret Manager', 'SESSION_SECRET=abc', 'SESSION_SECRET', 'patient-portal-session-secret'],
    ['a random-looking value', 'WEBHOOK_SIGNATURE=Zk3-9qPw_x7LmN2vB8rT4yUe', 'WEBHOOK_SIGNATURE', 'patient-portal-webhook-signature'],
  ])('steers %s to Secret Manager and never shows the value', (_what, pair, variable, secret) => {
    const result = translate(`aptible config:set ${pair} --app patient-portal`, { env: 'production' });
    const value = pair.slice(pair.indexOf('=') + 1);
    const everything = JSON.stringify(result.equivalents) + result.redactedInput + JSON.stringify(result.flagsParsed);
    expect(everything).not.toContain(value);
    expect(commandsOf(result, 'berth').join('\n')).not.toMatch(new RegExp(`env\\.${variable}`));
    expect(commandsOf(result, 'gcloud')).toEqual([
      `read -rs VALUE && printf '%s' "$VALUE" | gcloud secrets versions add ${secret} --data-file=- --project meridian-prod; unset VALUE`,
    ]);
    expect(commandsOf(result, 'berth')).toContain(`Values → apps/patient-portal/values-production.yaml → secretEnv.${variable}.secret = ${secret}`);
    expect(result.warnings.join('\n')).toMatch(new RegExp(`${variable} looks like a secret`));
    expect(result.redactedInput).toContain(`${variable}=…`);
  });

  it('passes VAR=VAL arguments of aptible deploy into the same commit', () => {
    const result = translate('aptible deploy --app intake-forms --docker-image us-central1-docker.pkg.dev/meridian-shared/apps/intake-forms:2026.11.20-3b9f0aa QUESTIONNAIRE_SET=intake-2026-12', { env: 'stage' });
    expect(commandsOf(result, 'berth')).toEqual([
      'Values → apps/intake-forms/values-stage.yaml → image.tag = 2026.11.20-3b9f0aa',
      'Values → apps/intake-forms/values-stage.yaml → env.QUESTIONNAIRE_SET = intake-2026-12',
    ]);
  });

  it('keeps an image digest a digest, never a tag', () => {
    const digest = 'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
    const result = translate(`aptible deploy --app provider-api --docker-image us-central1-docker.pkg.dev/meridian-shared/apps/provider-api@${digest}`, { env: 'production' });
    expect(commandsOf(result).join('\n')).not.toMatch(/image\.tag = (sha256|9f86)/);
    expect(commandsOf(result, 'gcloud')).toContain(
      `gcloud artifacts docker images list us-central1-docker.pkg.dev/meridian-shared/apps/provider-api --include-tags --filter="version=${digest}" --format="value(tags)"`,
    );
    expect(result.warnings.join('\n')).toMatch(/given by digest/);
    expect(parseImageReference(`r/x:1.2@${digest}`)).toEqual({ repository: 'r/x', tag: '1.2', digest });
    expect(parseImageReference('localhost:5000/x')).toEqual({ repository: 'localhost:5000/x' });
  });

  it('warns about an image from another repository', () => {
    const result = translate('aptible deploy --app scheduler --docker-image docker.io/library/nginx:1.27', { env: 'stage' });
    expect(result.warnings.join('\n')).toMatch(/not scheduler's repository/);
  });

  it('says when a removed flag was removed and what replaced it', () => {
    const result = translate('aptible apps:scale web --size 1024 --app patient-portal', { env: 'stage' });
    expect(result.warnings.join('\n')).toMatch(/--size is gone from the aptible CLI \(July 2021 \(aptible-cli pull request 293\)\); use --container-size/);
    expect(result.flagsParsed.find((f) => f.name === '--size')).toBeUndefined();
  });

  it('says where aptible ps and aptible domains went', () => {
    const ps = translate('aptible ps --app intake-forms', { env: 'stage' });
    expect(ps.status).toBe('removed');
    expect(ps.entry?.removed?.since).toContain('0.17.1');
    expect(commandsOf(ps, 'kubectl')).toEqual(['kubectl get pods -l app.kubernetes.io/instance=intake-forms -n intake-forms --context stage -o wide']);
    expect(translate('aptible domains').entry?.removed?.replacement).toMatch(/endpoints:list/);
  });

  it('follows the database flag to Cloud SQL logs', () => {
    const result = translate('aptible logs --database scheduler-db', { env: 'production' });
    expect(commandsOf(result, 'gcloud')).toContain(
      `gcloud logging read 'resource.type="cloudsql_database" AND resource.labels.database_id="meridian-prod:scheduler"' --project meridian-prod --freshness=1d --limit=100`,
    );
    expect(commandsOf(translate('aptible logs --app scheduler', { env: 'production' }), 'gcloud').join('\n')).not.toMatch(/cloudsql_database/);
  });

  it('reads a secret-backed variable from Secret Manager by its real secret name', () => {
    const result = translate('aptible config:get OIDC_CLIENT_SECRET --app provider-api', { env: 'stage' });
    expect(commandsOf(result, 'gcloud')).toEqual(['gcloud secrets versions access latest --secret=provider-api-oidc --project meridian-stage']);
    expect(commandsOf(translate('aptible config:get LOG_LEVEL --app provider-api', { env: 'stage' }), 'gcloud')).toEqual([]);
  });

  it('fills login from the environment', () => {
    const result = translate('aptible login', { env: 'stage' });
    expect(commandsOf(result)).toEqual([
      'gcloud components install gke-gcloud-auth-plugin',
      'gcloud auth login',
      'gcloud container clusters get-credentials gke-stage --region us-central1 --project meridian-stage',
      'kubectl config rename-context gke_meridian-stage_us-central1_gke-stage stage',
    ]);
  });
});

describe('translateCommand: parsing', () => {
  it('suggests the closest commands for a typo, a swap and the non-command `scale`', () => {
    expect(translate('aptible lgos').suggestions[0]?.command).toBe('logs');
    expect(translate('aptible scale:apps').suggestions[0]?.command).toBe('apps:scale');
    expect(translate('aptible scale').suggestions[0]?.command).toBe('apps:scale');
    expect(translate('aptible frobnicate').suggestions).toEqual([]);
  });

  it('reports unknown flags, missing values and missing arguments', () => {
    expect(translate('aptible logs --app patient-portal --bogus').unknownFlags).toEqual(['--bogus']);
    expect(translate('aptible logs --app').warnings.join('\n')).toMatch(/--app needs a value/);
    expect(translate('aptible apps:scale --app patient-portal --container-count 2', { env: 'stage' }).warnings.join('\n')).toMatch(/SERVICE is missing/);
  });

  it('warns about an unknown environment, an unclosed quote and VAR=', () => {
    expect(translate('aptible db:list --environment sandbox').warnings.join('\n')).toMatch(/Unknown Aptible environment "sandbox"/);
    expect(translate(`aptible config:set --app notifications "FOO=bar`).warnings.join('\n')).toMatch(/double quote is never closed/);
    expect(translate('aptible config:set --app notifications FOO=').warnings.join('\n')).toMatch(/config:unset/);
  });

  it('asks for a command when there is none', () => {
    expect(translate('aptible').warnings[0]).toMatch(/Type an aptible command/);
    expect(translate('   ').status).toBe('unknown');
    expect(translate('aptible --app x').warnings[0]).toMatch(/Start with the command name/);
  });

  it('lists unfilled placeholders and fills the Berth link only when complete', () => {
    const bare = translate('aptible config --app patient-portal');
    expect(bare.equivalents.find((e) => e.tool === 'kubectl')?.missing).toEqual(['context']);
    expect(bare.berth).toEqual({ label: 'Values editor', path: '/apps/{app}/values/{env}', missing: ['env'] });
    expect(translate('aptible config --app patient-portal --environment production').berth?.path).toBe('/apps/patient-portal/values/production');
  });

  it('warns about a container size that is not a number', () => {
    expect(translate('aptible apps:scale web --container-size big').warnings.join('\n')).toMatch(/size in MB/);
  });
});

/** An argument value that makes sense for each app, so every command can be typed for every app. */
function sampleArgument(arg: CommandArg, shape: AppShape): string[] {
  if (arg.rest || (arg.optional && !arg.variadic)) return [];
  switch (arg.placeholder) {
    case 'service':
      return [shape.environments.production.deployments[0].name];
    case 'handle':
      return [shape.database?.aptible ?? shape.database?.instance ?? `${shape.name}-db`];
    case 'app':
      return [shape.name];
    case 'var':
      return ['LOG_LEVEL'];
    default:
      if (arg.name === 'VAR=VAL') return ['LOG_LEVEL=debug'];
      if (arg.name === 'VAR') return ['LOG_LEVEL'];
      return ['x'];
  }
}

/** What the app and environment must always fill, so none of these may stay a placeholder. */
const FROM_THE_APP = ['app', 'namespace', 'context', 'project', 'cluster', 'region', 'env', 'deployment', 'service', 'repository', 'user'];

describe('every command of the CLI, for every sample app', () => {
  it('has a translation entry for every command and every flag the templates use', () => {
    expect(commands.length).toBeGreaterThanOrEqual(80);
    for (const entry of commands) {
      for (const name of entry.equivalents.flatMap((e) => [...e.command.matchAll(/\{([a-z][a-zA-Z]*)\}/g)].map((m) => m[1]))) {
        expect(Object.keys(PLACEHOLDERS), `${entry.id}: {${name}}`).toContain(name);
      }
    }
  });

  describe.each(commands.map((entry) => [entry.command, entry] as [string, CommandEntry]))('aptible %s', (_name, entry) => {
    it.each(apps.map((shape) => [shape.name, shape] as [string, AppShape]))('%s, in both environments', (_app, shape) => {
      for (const env of environments) {
        const words = (entry.args ?? []).flatMap((arg) => sampleArgument(arg, shape));
        const input = ['aptible', entry.command, ...words].join(' ');
        const result = translateCommand(input, commands, { app: shape, env: env.name, user: USER }, { environments, apps });
        const where = `${input} (${shape.name}, ${env.name})`;
        expect(result.status, where).toBe(entry.removed ? 'removed' : 'ok');
        expect(result.equivalents.length, where).toBeGreaterThan(0);
        const deployments = shape.environments[env.name].deployments.map((d) => `${shape.name}-${d.name}`);
        for (const equivalent of result.equivalents) {
          const what = `${where}: ${equivalent.command}`;
          // Everything the app and environment know is filled in…
          for (const name of FROM_THE_APP) expect(equivalent.missing, what).not.toContain(name);
          if (shape.database) expect(equivalent.missing, what).not.toContain('instance');
          // …with this app's namespace, cluster and real deployments only.
          if (equivalent.tool === 'kubectl' && !/istio-ingress/.test(equivalent.command) && /-n /.test(equivalent.command)) {
            expect(equivalent.command, what).toContain(`-n ${shape.namespace} --context ${env.context}`);
          }
          for (const match of equivalent.command.matchAll(/(?:deployment\/|deploy\/|--copy-to=)([a-z0-9-]+?)(?:-debug)?(?=\s|$)/g)) {
            expect(deployments, what).toContain(match[1]);
          }
          if (equivalent.command.includes('--project')) expect(equivalent.command, what).toContain(`--project ${env.project}`);
        }
        // An autoscaled deployment is never scaled by hand.
        if (entry.command === 'apps:scale' && shape.environments[env.name].deployments[0].autoscaled) {
          expect(commandsOf(result, 'kubectl'), where).toEqual([]);
        }
      }
    });
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

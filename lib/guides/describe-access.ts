// Who may do what a command entry does, in plain words, for the person reading it: Berth's own
// policy for values changes (decide() in lib/auth/policy.ts, with the owning team from the
// catalog), and the platform team's grants for everything done with kubectl, gcloud or Cloud SQL.
// Isomorphic.
import { decide } from '@/lib/auth/policy';
import type { BerthUser } from '@/lib/auth/user';
import type { CommandAccess } from './schemas';

export type AccessTarget = {
  app: { name: string; team: string; namespace: string } | null;
  environment: { name: string; requiresApproval: boolean; logsHoldPhi: boolean; context: string; project: string } | null;
};

export type AccessNote = {
  /** allowed: you can; request: you can ask for it (a second person approves); ask: someone else must. */
  level: 'allowed' | 'request' | 'ask';
  text: string;
};

export function describeAccess(access: CommandAccess, user: BerthUser | null, { app, environment }: AccessTarget): AccessNote {
  const where = app ? `${app.name}${environment ? ` in ${environment.name}` : ''}` : 'the app';
  const ns = app?.namespace ?? 'NAMESPACE';
  const ctx = environment?.context ?? 'CONTEXT';
  switch (access) {
    case 'read':
      return { level: 'allowed', text: `Reading: everyone signed in to Berth sees ${where}; on the command line you need read access, which \`kubectl auth can-i get pods -n ${ns} --context ${ctx}\` checks.` };
    case 'logs': {
      if (!app || !environment) return { level: 'request', text: 'Logs that may hold patient data (production) are read by the owning team and the platform team; others break glass with a reason. Pick an app to see what you may do.' };
      const decision = decide(user, 'logs.read', { app: { name: app.name, team: app.team }, environment: { name: environment.name, logsHoldPhi: environment.logsHoldPhi }, breakGlass: null });
      const cli = ` On the command line, Cloud Logging needs roles/logging.viewer in ${environment.project}.`;
      return decision.allowed ? { level: 'allowed', text: `${decision.reason}${cli}` } : { level: 'ask', text: `${decision.reason}${cli}` };
    }
    case 'values': {
      if (!app || !environment) return { level: 'request', text: 'A values change: the owning team commits it in stage and requests it in production, where another member of the team or the platform team approves. Pick an app to see what you may do.' };
      const resource = { app: { name: app.name, team: app.team }, environment: { name: environment.name, requiresApproval: environment.requiresApproval } };
      const commit = decide(user, 'values.commit', resource);
      if (commit.allowed) return { level: 'allowed', text: `You can commit this change to ${where} yourself; CI deploys it.` };
      const request = decide(user, 'values.requestChange', { app: resource.app });
      if (request.allowed) return { level: 'request', text: `You can request this change to ${where}; another member of ${app.team} or the platform team approves it before it is committed.` };
      return { level: 'ask', text: `${request.reason} Ask them, or file feedback.` };
    }
    case 'cluster-write':
      return { level: 'ask', text: `Changes live objects in ${ns}: needs the RBAC permission the platform team grants — \`kubectl auth can-i patch deployments -n ${ns} --context ${ctx}\` (or \`create pods/exec\`) tells you whether you have it.` };
    case 'secret':
      return { level: 'ask', text: `Needs IAM on the secret in ${environment?.project ?? 'the project'} (secret accessor to read, secret version adder to add), granted per secret by the platform team.` };
    case 'database':
      return { level: 'ask', text: `Needs roles/cloudsql.client and roles/cloudsql.instanceUser in ${environment?.project ?? 'the project'} and an IAM database user, set up by the platform team.` };
    case 'platform':
      return { level: 'ask', text: user?.role === 'platform' ? 'Platform team work — yours.' : 'Platform team only: ask in #platform-help or file feedback.' };
  }
}

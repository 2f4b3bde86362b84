// What a person may do. One table, decided here; data functions call it again with the resource
// they are about to touch, so a forged request cannot skip it (see ../shared/reference/security.md).
import type { EnvironmentName } from '@/lib/catalog/app-name';
import type { BerthUser } from './user';

interface AppRef {
  name: string;
  team: string;
}

interface EnvironmentRef {
  name: EnvironmentName | string;
  requiresApproval: boolean;
}

export interface PolicyResources {
  'app.view': { app: AppRef };
  /** Commit a values change directly (environments that need no approval: stage). */
  'values.commit': { app: AppRef; environment: EnvironmentRef };
  /** Open a change request (any environment the app runs in). */
  'values.requestChange': { app: AppRef };
  'change.approve': { app: AppRef; authorEmail: string };
  'change.withdraw': { authorEmail: string };
  'feedback.create': Record<string, never>;
  'feedback.triage': Record<string, never>;
  'feedback.editOwn': { reporterEmail: string; status: string };
  'progress.viewEveryone': Record<string, never>;
  'audit.view': Record<string, never>;
}

export type Action = keyof PolicyResources;

export interface Decision {
  allowed: boolean;
  /** Plain words, shown to the user when they are refused. */
  reason: string;
}

const allow = (reason = 'allowed'): Decision => ({ allowed: true, reason });
const deny = (reason: string): Decision => ({ allowed: false, reason });

function ownsApp(user: BerthUser, app: AppRef): boolean {
  return user.role === 'platform' || (user.role === 'engineer' && user.team === app.team);
}

export function decide<A extends Action>(user: BerthUser | null, action: A, resource: PolicyResources[A]): Decision {
  if (!user) return deny('Sign in first.');
  switch (action) {
    case 'app.view':
    case 'feedback.create':
      return allow();
    case 'values.commit': {
      const { app, environment } = resource as PolicyResources['values.commit'];
      if (!ownsApp(user, app)) return deny(`Only the ${app.team} team or the platform team can change ${app.name}.`);
      if (environment.requiresApproval) {
        return deny(`Changes to ${environment.name} need a second person's approval: open a change request.`);
      }
      return allow();
    }
    case 'values.requestChange': {
      const { app } = resource as PolicyResources['values.requestChange'];
      return ownsApp(user, app) ? allow() : deny(`Only the ${app.team} team or the platform team can change ${app.name}.`);
    }
    case 'change.approve': {
      const { app, authorEmail } = resource as PolicyResources['change.approve'];
      if (authorEmail.toLowerCase() === user.email) return deny('You cannot approve your own change: ask a teammate.');
      return ownsApp(user, app) ? allow() : deny(`Only the ${app.team} team or the platform team can approve changes to ${app.name}.`);
    }
    case 'change.withdraw': {
      const { authorEmail } = resource as PolicyResources['change.withdraw'];
      return authorEmail.toLowerCase() === user.email ? allow() : deny('Only the author can withdraw a change request.');
    }
    case 'feedback.triage':
    case 'progress.viewEveryone':
    case 'audit.view':
      return user.role === 'platform' ? allow() : deny('Only the platform team can do this.');
    case 'feedback.editOwn': {
      const { reporterEmail, status } = resource as PolicyResources['feedback.editOwn'];
      if (user.role === 'platform') return allow();
      if (reporterEmail.toLowerCase() !== user.email) return deny('Only the reporter can edit this feedback.');
      return status === 'new' ? allow() : deny('This feedback has been triaged; add a comment instead.');
    }
    default:
      return deny('Unknown action.');
  }
}

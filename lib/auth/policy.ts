// What a person may do. One table, decided here; data functions call it again with the resource
// they are about to touch, so a forged request cannot skip it (docs/ARCHITECTURE.md, rule 2).
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

/** Where logs are read: production's may hold PHI, stage's are synthetic (environments.yaml). */
interface LogEnvironmentRef {
  name: EnvironmentName | string;
  logsHoldPhi: boolean;
}

/** The person's own break-glass grant for this app and environment, if they hold one. */
interface BreakGlassRef {
  expiresAt: string;
}

export interface PolicyResources {
  'app.view': { app: AppRef };
  /** Commit a values change directly (environments that need no approval: stage). */
  'values.commit': { app: AppRef; environment: EnvironmentRef };
  /** Open a change request (any environment the app runs in). */
  'values.requestChange': { app: AppRef };
  'change.approve': { app: AppRef; authorEmail: string };
  'change.withdraw': { authorEmail: string };
  /** Take part in a change request's discussion: the people who may make or review it. */
  'change.comment': { app: AppRef };
  /** Ask for a cutover step (GKE at N % of the app's traffic): a production change. */
  'cutover.request': { app: AppRef };
  /** Approve a cutover step: a second person on the owning team or the platform team. */
  'cutover.approve': { app: AppRef; requesterEmail: string };
  /** Set GKE's share back to 0 now: anyone on the team, with one click. */
  'cutover.rollback': { app: AppRef };
  'feedback.create': Record<string, never>;
  'feedback.triage': Record<string, never>;
  'feedback.editOwn': { reporterEmail: string; status: string };
  'progress.viewEveryone': Record<string, never>;
  /** The audit trail and each environment's weekly activity report (platform team). */
  'audit.view': Record<string, never>;
  /** Page, follow or download an environment's logs. */
  'logs.read': { app: AppRef; environment: LogEnvironmentRef; breakGlass: BreakGlassRef | null; now?: Date };
  /** Get time-limited access to logs one may not otherwise read, with a stated reason. */
  'logs.breakGlass': { app: AppRef; environment: LogEnvironmentRef };
  /** Move an app along its migration (apps/<app>/migration.yaml: state, parity names, dropped keys). */
  'migration.update': { app: AppRef };
  /** Say the app was validated in stage: a person of the owning team, recorded by name. */
  'migration.validate': { app: AppRef };
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

/**
 * Why someone who does not own the app is refused. A viewer may belong to the owning team (a
 * product manager): telling them "only that team" names the wrong reason — their role is it.
 */
function notOwner(user: BerthUser, app: AppRef, verb: string): Decision {
  if (user.role === 'viewer') {
    return deny(`You are a viewer in Berth: you can look at ${app.name} but not ${verb}. Ask the platform team if you need an engineer's access.`);
  }
  return deny(`Only the ${app.team} team or the platform team can ${verb}.`);
}

export function decide<A extends Action>(user: BerthUser | null, action: A, resource: PolicyResources[A]): Decision {
  if (!user) return deny('Sign in first.');
  if (user.role === 'unlisted') return deny(NOT_LISTED);
  switch (action) {
    case 'app.view':
    case 'feedback.create':
      return allow();
    case 'values.commit': {
      const { app, environment } = resource as PolicyResources['values.commit'];
      if (!ownsApp(user, app)) return notOwner(user, app, `change ${app.name}`);
      if (environment.requiresApproval) {
        return deny(`Changes to ${environment.name} need a second person's approval: open a change request.`);
      }
      return allow();
    }
    case 'values.requestChange': {
      const { app } = resource as PolicyResources['values.requestChange'];
      return ownsApp(user, app) ? allow() : notOwner(user, app, `change ${app.name}`);
    }
    case 'change.approve': {
      const { app, authorEmail } = resource as PolicyResources['change.approve'];
      if (authorEmail.toLowerCase() === user.email) return deny('You cannot approve your own change: ask a teammate.');
      return ownsApp(user, app) ? allow() : notOwner(user, app, `approve changes to ${app.name}`);
    }
    case 'cutover.request': {
      const { app } = resource as PolicyResources['cutover.request'];
      return ownsApp(user, app) ? allow() : deny(`Only the ${app.team} team or the platform team can move ${app.name}'s traffic.`);
    }
    case 'cutover.approve': {
      const { app, requesterEmail } = resource as PolicyResources['cutover.approve'];
      if (requesterEmail.toLowerCase() === user.email) return deny('You cannot approve your own cutover step: ask a teammate.');
      return ownsApp(user, app) ? allow() : deny(`Only the ${app.team} team or the platform team can approve ${app.name}'s cutover steps.`);
    }
    case 'cutover.rollback': {
      const { app } = resource as PolicyResources['cutover.rollback'];
      return ownsApp(user, app) ? allow() : deny(`Only the ${app.team} team or the platform team can roll back ${app.name}'s cutover.`);
    }
    case 'change.comment': {
      const { app } = resource as PolicyResources['change.comment'];
      return ownsApp(user, app) ? allow() : notOwner(user, app, `discuss changes to ${app.name}`);
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
    case 'logs.read': {
      const { app, environment, breakGlass, now = new Date() } = resource as PolicyResources['logs.read'];
      if (!environment.logsHoldPhi) return allow(`${environment.name} holds synthetic data only: every engineer may read its logs.`);
      if (ownsApp(user, app)) return allow(`Your team (or the platform team) owns ${app.name}.`);
      if (breakGlass && Date.parse(breakGlass.expiresAt) > now.getTime()) return allow(`Through break-glass, until ${breakGlass.expiresAt}.`);
      return deny(
        `${capitalize(environment.name)} logs of ${app.name} may hold patient data: only the ${app.team} team and the platform team read them. Break glass with a reason if you need them now.`,
      );
    }
    case 'logs.breakGlass': {
      const { app, environment } = resource as PolicyResources['logs.breakGlass'];
      if (!environment.logsHoldPhi) return deny(`${capitalize(environment.name)} logs are open to every engineer: no break-glass needed.`);
      if (ownsApp(user, app)) return deny(`You can read ${app.name}’s ${environment.name} logs already.`);
      return allow();
    }
    case 'migration.update': {
      const { app } = resource as PolicyResources['migration.update'];
      return ownsApp(user, app) ? allow() : deny(`Only the ${app.team} team or the platform team can move ${app.name}'s migration along.`);
    }
    case 'migration.validate': {
      const { app } = resource as PolicyResources['migration.validate'];
      // The team that will be paged for the app signs it off; the platform team cannot do it for them.
      if (user.role === 'viewer') return deny('Viewers cannot validate an app: ask an engineer of the team.');
      return user.team === app.team ? allow() : deny(`Only the ${app.team} team can say ${app.name} was validated in stage: they know what it must do.`);
    }
    default:
      return deny('Unknown action.');
  }
}

const NOT_LISTED = 'You are not in teams.yaml yet: ask the platform team to add you.';

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// Where the person is when they open the feedback dialog, read from the page's path, so the form
// arrives prefilled. Isomorphic: the dialog calls it in the browser; tests call it directly.
import { ENVIRONMENT_NAMES, type EnvironmentName, isAppName } from '@/lib/catalog/app-name';
import type { FeedbackContext, FeedbackKind } from './schemas';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function segmentsOf(pathname: string): string[] {
  return pathname
    .split(/[?#]/)[0]
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
}

const isEnvironment = (value: string | null | undefined): value is EnvironmentName =>
  !!value && (ENVIRONMENT_NAMES as readonly string[]).includes(value);

/**
 * /apps/<app> and anything under it (an environment segment anywhere below, or ?env=) → app and
 * environment; /guides/<slug> → guide; /sessions/<id> and /feedback/sessions/<id> → session.
 * The page path is always kept, so the triager knows where it came from.
 */
export function contextFromPath(pathname: string, search?: URLSearchParams | null): FeedbackContext {
  const page = (pathname.split(/[?#]/)[0] || '/').slice(0, 500);
  const context: FeedbackContext = { page: /^\/[^\s]*$/.test(page) ? page : '/' };
  const [first, second, ...rest] = segmentsOf(pathname);
  if (first === 'apps' && second && isAppName(second)) {
    context.app = second;
    const fromQuery = search?.get('env') ?? search?.get('environment');
    const environment = rest.find(isEnvironment) ?? (isEnvironment(fromQuery) ? fromQuery : undefined);
    if (environment) context.environment = environment;
  } else if (first === 'guides' && second && SLUG.test(second) && second.length <= 100) {
    context.guide = second;
  } else if (first === 'sessions' && second && SLUG.test(second) && second.length <= 100) {
    context.session = second;
  } else if (first === 'feedback' && second === 'sessions' && rest[0] && SLUG.test(rest[0]) && rest[0].length <= 100) {
    context.session = rest[0];
  }
  return context;
}

/** The kind the dialog starts with: what people filing from that page usually mean. */
export function defaultKindFor(context: FeedbackContext): FeedbackKind {
  if (context.guide) return 'guide';
  if (context.session) return 'session';
  return 'app-problem';
}

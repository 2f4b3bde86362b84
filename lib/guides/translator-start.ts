// Where the /commands translator starts from its link (?q&app&env): the app and environment it
// fills the commands for. Isomorphic: the page translates the link's command on the server with
// it, and the translator in the browser starts from the same choice, so both show one translation.
import type { AppShape, TranslatorEnvironment } from './app-shape';

export interface TranslatorStart {
  /** The picked app's name, or '' (none: a typed --app decides). */
  app: string;
  env: string;
}

export function translatorStart(initial: { app: string; env: string }, environments: TranslatorEnvironment[], apps: AppShape[]): TranslatorStart {
  return {
    app: apps.some((app) => app.name === initial.app) ? initial.app : '',
    env: environments.some((e) => e.name === initial.env) ? initial.env : (environments[0]?.name ?? ''),
  };
}

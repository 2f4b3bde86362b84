import 'server-only';
import { isAppName } from './app-name';
import { loadCatalog } from './load-catalog';
import type { App } from './types';

/** The app, or null when there is no such app (or the name is not an app name at all). */
export async function getApp(name: string): Promise<App | null> {
  if (!isAppName(name)) return null;
  const catalog = await loadCatalog();
  return catalog.apps.find((app) => app.name === name) ?? null;
}

import 'server-only';
import { isAppName } from './app-name';
import { loadCatalog } from './load-catalog';
import type { App, Catalog, Person, Team } from './types';

export async function listApps(): Promise<Catalog> {
  return loadCatalog();
}

/** The app, or null when there is no such app (or the name is not an app name at all). */
export async function getApp(name: string): Promise<App | null> {
  if (!isAppName(name)) return null;
  const catalog = await loadCatalog();
  return catalog.apps.find((app) => app.name === name) ?? null;
}

export async function getTeams(): Promise<Team[]> {
  return (await loadCatalog()).teams;
}

export async function findPerson(email: string): Promise<Person | null> {
  const catalog = await loadCatalog();
  return catalog.people.find((p) => p.email === email.toLowerCase()) ?? null;
}

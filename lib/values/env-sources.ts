// Where each environment variable of the form comes from, and which variables one environment
// sets and the other does not. Isomorphic: the editor runs it as the person types.
import { mergeLayers, parseLayers } from './parse-layers';
import { isValuesMap } from './merge';
import type { ValuesLayer, ValuesMap } from './types';

export interface EnvVarSource {
  name: string;
  /** The file whose value wins (the highest layer that sets it). */
  file: string;
  /** Set in the file being edited. */
  own: boolean;
  /** A lower file also sets it: removing it here brings that file's value back (not nothing). */
  inheritedFrom: string | null;
}

function envNames(text: string, file: string): Set<string> {
  const { parsed } = parseLayers([{ file, kind: 'environment', text }]);
  const value = parsed[0]?.value;
  const env = isValuesMap(value) && isValuesMap(value.env) ? value.env : {};
  // `KEY: null` deletes what lower files set: it is not a value this file gives.
  return new Set(Object.entries(env).filter(([, v]) => v !== null && v !== undefined).map(([k]) => k));
}

/** For each app-wide variable (`env:`), the file that sets it, seen from the file being edited. */
export function envVarSources(layers: readonly ValuesLayer[], file: string): Map<string, EnvVarSource> {
  const index = layers.findIndex((l) => l.file === file);
  const sets = layers.map((l) => ({ file: l.file, names: envNames(l.text, l.file) }));
  const sources = new Map<string, EnvVarSource>();
  const names = new Set(sets.flatMap((s) => [...s.names]));
  for (const name of names) {
    const setters = sets.filter((s) => s.names.has(name));
    const top = setters[setters.length - 1];
    const lower = sets.slice(0, index).filter((s) => s.names.has(name));
    sources.set(name, { name, file: top.file, own: index >= 0 && sets[index].names.has(name), inheritedFrom: lower.length ? lower[lower.length - 1].file : null });
  }
  return sources;
}

/** The variables (plain and from Secret Manager) an environment's merged values give its pods. */
export function variablesOf(merged: ValuesMap): Set<string> {
  const names = new Set<string>();
  for (const key of ['env', 'secretEnv'] as const) {
    const map = merged[key];
    if (!isValuesMap(map)) continue;
    for (const [name, value] of Object.entries(map)) if (value !== null && value !== undefined) names.add(name);
  }
  const deployments = isValuesMap(merged.deployments) ? merged.deployments : {};
  for (const spec of Object.values(deployments)) {
    if (!isValuesMap(spec) || !isValuesMap(spec.env)) continue;
    for (const [name, value] of Object.entries(spec.env)) if (value !== null && value !== undefined) names.add(name);
  }
  return names;
}

export interface VariableGap {
  /** The other environment, e.g. production. */
  environment: string;
  /** Set there, not here: the likely cause of "X is not set" in this environment. */
  missingHere: string[];
  /** Set here, not there. */
  missingThere: string[];
}

/** Variables one environment sets and the other does not (Ben's FHIR_BASE_URL). */
export function compareVariables(here: ValuesMap, other: { environment: string; layers: readonly ValuesLayer[] }): VariableGap {
  const there = variablesOf(mergeLayers(parseLayers(other.layers).parsed));
  const mine = variablesOf(here);
  const sorted = (names: Iterable<string>) => [...names].sort();
  return {
    environment: other.environment,
    missingHere: sorted([...there].filter((n) => !mine.has(n))),
    missingThere: sorted([...mine].filter((n) => !there.has(n))),
  };
}

/**
 * The commit subject when the person writes none: the change's plain-words effect, so the history
 * says what happened. The editor shows this as the message's placeholder and sends it as typed.
 */
export function defaultCommitMessage(effects: readonly { summary: string }[], file: string): string {
  if (effects.length === 0) return `Update ${file}`;
  if (effects.length === 1) return effects[0].summary;
  return `${effects[0].summary} (and ${effects.length - 1} more change${effects.length === 2 ? '' : 's'})`;
}

// YAML options that read values files the way Helm does. Isomorphic.
//
// Helm decodes values with go-yaml v2 (YAML 1.1): yes/no/on/off/y/n are booleans, also as keys,
// and `<<` merge keys work. Go-yaml keeps timestamps, sexagesimal numbers (`1:20`) and the
// !!omap/!!set/!!pairs/!!binary types as plain strings or does not know them, while the `yaml`
// package's 1.1 schema would turn them into Dates, numbers and Maps — so those tags are dropped.
// Dropping !!omap also stops `setIn` from writing new maps as `!!omap` lists.
import type { ParseOptions, DocumentOptions, SchemaOptions, Tags } from 'yaml';

const NOT_IN_HELM = new Set([
  'tag:yaml.org,2002:timestamp',
  'tag:yaml.org,2002:omap',
  'tag:yaml.org,2002:pairs',
  'tag:yaml.org,2002:set',
  'tag:yaml.org,2002:binary',
]);

function helmTags(tags: Tags): Tags {
  return tags.filter((tag) => {
    if (typeof tag === 'string') return true;
    return tag.format !== 'TIME' && !NOT_IN_HELM.has(tag.tag);
  });
}

export const HELM_YAML_OPTIONS = {
  version: '1.1',
  customTags: helmTags,
  // Go-yaml keeps the last of two equal keys without a word; we refuse them instead — but in
  // parse-values.ts, with one Map per map: yaml's own check compares each key with every key
  // before it, which made a 20,000-key file take seconds (quadratic).
  uniqueKeys: false,
  // We place errors ourselves (line, column and offsets for the editor).
  prettyErrors: false,
} as const satisfies ParseOptions & DocumentOptions & SchemaOptions;

/** Aliases allowed per document before we call it a "billion laughs" bomb. */
export const MAX_ALIAS_COUNT = 50;

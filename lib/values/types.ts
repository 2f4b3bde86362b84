// Shared shapes of the values pipeline. Isomorphic: the browser editor imports these too.
import type { Document, LineCounter } from 'yaml';
import type { ValuesMap } from './merge';

export type { ValuesMap };

/**
 * One thing wrong (or worth a look) in a values file, placed where the editor can underline it.
 * Lines and columns are 1-based; `from`/`to` are character offsets in that file's text, which is
 * what CodeMirror's linter wants.
 */
export interface ValuesProblem {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  from?: number;
  to?: number;
  /** Dotted path of the value concerned, e.g. deployments.web.replicas. */
  path?: string;
  /** Plain words a feature engineer can act on. */
  message: string;
  severity: 'error' | 'warning';
  /** Stable machine name, e.g. 'too-large' (the server answers 413), 'duplicate-key', 'schema'. */
  code: string;
}

export type ValuesLayerKind = 'chart' | 'app' | 'environment';

/** One values file, as text. Layers are always given in Helm's precedence order, lowest first. */
export interface ValuesLayer {
  /** Repository path, e.g. apps/intake/values-stage.yaml. */
  file: string;
  kind: ValuesLayerKind;
  text: string;
}

/** A layer that parsed cleanly, with what is needed to point back into its text. */
export interface ParsedValuesLayer extends ValuesLayer {
  doc: Document;
  lineCounter: LineCounter;
  value: ValuesMap;
}

/** Keys of maps and indexes of lists, from the top of a values file down. */
export type ValuesKeyPath = readonly (string | number)[];

/** A GKE environment and the GCP project it runs in (used to catch cross-environment mistakes). */
export interface ValuesEnvironment {
  name: string;
  project: string;
}

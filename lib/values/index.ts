// The values pipeline's public API. Isomorphic: safe to import from the browser editor.
export type {
  ParsedValuesLayer,
  ValuesEnvironment,
  ValuesKeyPath,
  ValuesLayer,
  ValuesLayerKind,
  ValuesMap,
  ValuesProblem,
} from './types';
export { isValuesMap, mergeValueFiles, mergeValues } from './merge';
export { parseValues, DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, MAX_PROBLEMS, MAX_VALUES_ENTRIES, type ParseValuesOptions, type ParseValuesResult } from './parse-values';
export { mergeLayers, parseLayers, type ParsedLayers } from './parse-layers';
export { validateValues, type ValidateValuesOptions, type ValuesValidation } from './validate-values';
export { checkSmartDefaults, type CheckSmartDefaultsOptions } from './check-smart-defaults';
export { effectiveValues, type EffectiveValue } from './effective-values';
export { explainChange, MAX_EFFECTS, type ExplainChangeOptions, type ValuesEffect, type ValuesEffectKind } from './explain-change';
export {
  applyFormFields,
  applyValuesEdits,
  deleteValueInText,
  envPath,
  formFieldEdits,
  IMAGE_TAG_PATH,
  readFormFields,
  replicasPath,
  setValueInText,
  type EditOptions,
  type EditValuesResult,
  type FormFields,
  type FormFieldsChange,
  type ValuesEdit,
} from './edit-values';
export { locateValue, type ValueLocation } from './locate-value';
export { formatValuesPath, getValueAt } from './values-path';
export { describeRestart, RESTART_REASON, restartedDeployments, type RestartedDeployment } from './restart-scope';
export { compareVariables, defaultCommitMessage, envVarSources, variablesOf, type EnvVarSource, type VariableGap } from './env-sources';

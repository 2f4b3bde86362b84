// App names are DNS-1123 labels: they become Kubernetes namespaces, Helm release names and folder
// names in the config repository, so anything else (../, %2e, NUL, slashes) is refused up front.
import { z } from 'zod';

export const APP_NAME_PATTERN = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export const appNameSchema = z
  .string()
  .max(63, 'an app name has at most 63 characters')
  .regex(APP_NAME_PATTERN, 'an app name uses lowercase letters, digits and dashes (a DNS-1123 label)');

export function isAppName(input: string): boolean {
  return input.length <= 63 && APP_NAME_PATTERN.test(input);
}

export const ENVIRONMENT_NAMES = ['stage', 'production'] as const;
export type EnvironmentName = (typeof ENVIRONMENT_NAMES)[number];
export const environmentNameSchema = z.enum(ENVIRONMENT_NAMES);

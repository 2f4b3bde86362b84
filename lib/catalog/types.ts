import type { LogMaskingConfig } from '@/lib/logs/mask-phi';
import type { EnvironmentName } from './app-name';
import type { Role } from './schemas';

export type { EnvironmentName, Role };

export interface Person {
  email: string;
  name: string;
  role: Role;
  team: string;
}

export interface Team {
  id: string;
  name: string;
  description: string;
  chat?: string;
  members: Person[];
  isPlatform: boolean;
}

export interface Environment {
  name: EnvironmentName;
  project: string;
  cluster: string;
  region: string;
  /** The kubectl context name of the environment's cluster (`--context`; helm: `--kube-context`). */
  kubeContext: string;
  /** Aptible environment handles this environment replaced. */
  aptible: string[];
  requiresApproval: boolean;
  /** Its logs may carry PHI: reading them is limited, recorded and masked (issue 19). */
  logsHoldPhi: boolean;
}

/** An app's Cloud SQL instance: `PROJECT:REGION:INSTANCE` with the environment's project and region. */
export interface AppDatabase {
  instance: string;
  name: string;
  aptible?: string;
}

export interface App {
  name: string;
  team: string;
  description: string;
  namespace: string;
  tier: 'patient-facing' | 'provider-facing' | 'internal';
  environments: EnvironmentName[];
  links: Record<string, string>;
  aptible?: { app: string; environment: string };
  database?: AppDatabase;
  /** More to mask in its production logs than the defaults (app.yaml `logMasking`). */
  logMasking?: LogMaskingConfig;
  /** Repository paths of the app's values files. */
  files: { shared: string; byEnvironment: Partial<Record<EnvironmentName, string>> };
}

/** An app folder whose app.yaml could not be read: listed with its error instead of crashing the catalog. */
export interface BrokenApp {
  name: string;
  configError: string;
}

export interface Catalog {
  revision: string;
  teams: Team[];
  people: Person[];
  environments: Environment[];
  apps: App[];
  brokenApps: BrokenApp[];
  /** Problems with teams.yaml / environments.yaml themselves. */
  problems: string[];
}

// The signed-in person's home, as the page renders it (types only: components import them).
import type { ChangeLiveState, HealthVerdict } from '@/lib/kube/app-status';
import type { ChangeStatus } from '@/lib/changes/change-request';
import type { ChangeDecision } from './change-notices';

export type { ChangeDecision };

export interface HomeAppEnvironment {
  environment: string;
  verdict: HealthVerdict;
  title: string;
  change: { state: ChangeLiveState; message: string; behindBy?: number };
}

export interface HomeApp {
  name: string;
  description: string;
  environments: HomeAppEnvironment[];
}

export interface HomeChange {
  id: number;
  app: string;
  title: string;
  status: ChangeStatus;
  statusReason: string | null;
  author: string;
  updatedAt: string;
}

export interface HomeFeedbackReply {
  id: number;
  title: string;
  unread: number;
  status: string;
}

export interface Home {
  /** The person's team, as teams.yaml names it (null for someone in no team). */
  team: { id: string; name: string } | null;
  /** Their team's apps, with health and "what is behind" per environment. */
  apps: HomeApp[];
  reviews: HomeChange[];
  /** Their requests still in play (open, approved and merging, stale). */
  requests: HomeChange[];
  /** Decisions on their requests they have not seen. */
  decisions: ChangeDecision[];
  /** Their feedback with replies or status changes they have not read. */
  feedback: HomeFeedbackReply[];
}

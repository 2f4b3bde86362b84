// Feedback as Berth shows it. Types only (isomorphic): pages and client components use them.
import type { FeedbackLink } from './feedback-link';
import type { FeedbackKind, FeedbackStatus, GuideUnhelpfulReason, Severity } from './schemas';

export interface FeedbackPerson {
  email: string;
  name: string;
}

export interface FeedbackItem {
  id: number;
  kind: FeedbackKind;
  title: string;
  /** Markdown, as written; render it with renderMarkdown(). */
  description: string;
  severity: Severity | null;
  workedOnAptible: boolean;
  app: string | null;
  environment: string | null;
  guide: string | null;
  session: string | null;
  page: string | null;
  /** The team it concerns: the app's owner, else the reporter's team. */
  team: string | null;
  reporter: FeedbackPerson & { team: string | null };
  status: FeedbackStatus;
  owner: FeedbackPerson | null;
  knownIssue: boolean;
  createdAt: string;
  updatedAt: string;
  /** When it was resolved or marked won't fix; null while open. */
  closedAt: string | null;
  votes: number;
  comments: number;
}

export type FeedbackUpdateKind = 'filed' | 'edited' | 'status' | 'owner' | 'known-issue' | 'link' | 'comment';

/** One entry of an item's timeline: the thread and the status history are both made of these. */
export interface FeedbackUpdate {
  id: number;
  itemId: number;
  actor: FeedbackPerson;
  kind: FeedbackUpdateKind;
  from: string | null;
  to: string | null;
  /** A comment's markdown, or the reference of a link. */
  body: string | null;
  link: FeedbackLink | null;
  createdAt: string;
}

export interface FeedbackPermissions {
  edit: boolean;
  /** Why not, when `edit` is false (plain words for the UI). */
  editReason: string;
  triage: boolean;
  comment: boolean;
  vote: boolean;
  voteReason: string;
}

export interface FeedbackItemDetail {
  item: FeedbackItem;
  updates: FeedbackUpdate[];
  votedByMe: boolean;
  permissions: FeedbackPermissions;
}

/** An item in "My feedback", with how many updates the reporter has not seen yet. */
export interface MyFeedbackItem extends FeedbackItem {
  unread: number;
}

export interface SessionRating {
  sessionId: string;
  rating: number;
  clear: string;
  unclear: string;
  nextTopics: string;
  person: FeedbackPerson & { team: string | null };
  updatedAt: string;
}

export interface SessionRatingSummary {
  sessionId: string;
  count: number;
  /** Mean rating, 1–5; null without ratings. */
  average: number | null;
  /** How many gave 1, 2, 3, 4 and 5. */
  distribution: [number, number, number, number, number];
}

export interface GuideVote {
  guide: string;
  helpful: boolean;
  reason: GuideUnhelpfulReason | null;
  comment: string;
  person: FeedbackPerson;
  updatedAt: string;
}

export interface GuideVoteSummary {
  guide: string;
  helpful: number;
  notHelpful: number;
}

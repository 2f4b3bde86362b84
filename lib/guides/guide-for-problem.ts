// Which guide teaches each problem the status page explains, so an error can link straight to the
// section that says what to do. Isomorphic (plain data): the status page may use it on the server or
// in the browser. The anchors are heading ids of the guides; a test checks every one exists.

export type KnownProblem =
  | 'CrashLoopBackOff'
  | 'ImagePullBackOff'
  | 'OOMKilled'
  | 'CreateContainerConfigError'
  | 'Unhealthy'
  | 'ProgressDeadlineExceeded'
  | 'Pending';

export type GuideForProblem = {
  slug: string;
  /** A heading id in that guide, without the #. */
  anchor?: string;
  /** Link text: the section, in the reader's words. */
  title: string;
};

export const guideForProblem: Record<KnownProblem, GuideForProblem> = {
  CrashLoopBackOff: { slug: 'debugging-a-broken-deploy', anchor: 'crashloopbackoff', title: 'Debugging a broken deploy: CrashLoopBackOff' },
  ImagePullBackOff: { slug: 'debugging-a-broken-deploy', anchor: 'imagepullbackoff', title: 'Debugging a broken deploy: ImagePullBackOff' },
  OOMKilled: { slug: 'debugging-a-broken-deploy', anchor: 'oomkilled', title: 'Debugging a broken deploy: OOMKilled' },
  CreateContainerConfigError: {
    slug: 'debugging-a-broken-deploy',
    anchor: 'createcontainerconfigerror',
    title: 'Debugging a broken deploy: CreateContainerConfigError',
  },
  // A failing readiness (or liveness) probe: the container runs but never gets traffic.
  Unhealthy: { slug: 'debugging-a-broken-deploy', anchor: 'running-but-never-ready', title: 'Debugging a broken deploy: running, but never Ready' },
  // A rollout that stopped making progress: find what is stuck first.
  ProgressDeadlineExceeded: {
    slug: 'debugging-a-broken-deploy',
    anchor: 'step-1-is-the-change-live-and-what-is-stuck',
    title: 'Debugging a broken deploy: is the change live, and what is stuck?',
  },
  Pending: { slug: 'debugging-a-broken-deploy', anchor: 'pending', title: 'Debugging a broken deploy: Pending pods' },
};

/** The guide URL for a problem: /guides/<slug>#<anchor>. */
export function guideHrefForProblem(problem: KnownProblem): string {
  const { slug, anchor } = guideForProblem[problem];
  return anchor ? `/guides/${slug}#${anchor}` : `/guides/${slug}`;
}

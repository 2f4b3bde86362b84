// GET pods/{name}/log: the API server's container checks, then the kubelet's choice of which
// container instance to read (current, or the last terminated one for `previous`), with
// tailLines, sinceSeconds/sinceTime, timestamps, limitBytes and follow.
import type { ServerResponse } from 'node:http';
import { badRequest, notFound, ApiError } from './api-errors';
import type { Clock } from './clock';
import type { Pod } from './kube-types';
import { formatLogTimestamp, type LogLine, type LogStore } from './log-store';
import { RESOURCES } from './resources';
import type { ClusterStore } from './store';
import { baseHeaders, parseBool, parseNonNegativeInt } from './http-util';

export interface PodLogContext {
  store: ClusterStore;
  logs: LogStore;
  clock: Clock;
  track(res: ServerResponse): void;
}

/** Which container instance the kubelet reads, or the error it answers with. */
export function resolveContainerId(pod: Pod, container: string, previous: boolean): string {
  const podName = pod.metadata.name;
  const status = pod.status.containerStatuses?.find((s) => s.name === container);
  if (!status) throw badRequest(`container "${container}" in pod "${podName}" is waiting to start: ContainerCreating`);
  const { running, terminated, waiting } = status.state;
  const last = status.lastState.terminated;
  if (previous) {
    if (!last?.containerID) throw badRequest(`previous terminated container "${container}" in pod "${podName}" not found`);
    return last.containerID;
  }
  if (running) return status.containerID!;
  if (terminated) {
    if (terminated.containerID) return terminated.containerID;
    if (last?.containerID) return last.containerID;
    throw badRequest(`container "${container}" in pod "${podName}" is terminated`);
  }
  if (last) {
    if (!last.containerID) throw badRequest(`container "${container}" in pod "${podName}" is terminated`);
    return last.containerID;
  }
  const reason = waiting?.reason ?? 'ContainerCreating';
  if (reason === 'ErrImagePull') throw badRequest(`container "${container}" in pod "${podName}" is waiting to start: image can't be pulled`);
  if (reason === 'ImagePullBackOff') throw badRequest(`container "${container}" in pod "${podName}" is waiting to start: trying and failing to pull image`);
  throw badRequest(`container "${container}" in pod "${podName}" is waiting to start: ${reason}`);
}

export function servePodLog(ctx: PodLogContext, namespace: string, name: string, query: URLSearchParams, res: ServerResponse): void {
  const pod = ctx.store.get('pods', namespace, name) as Pod | undefined;
  if (!pod) throw notFound(RESOURCES.pods, name);

  let container = query.get('container') ?? '';
  const names = pod.spec.containers.map((c) => c.name);
  if (!container) {
    if (names.length === 1) container = names[0];
    else throw badRequest(`a container name must be specified for pod ${name}, choose one of: [${names.join(' ')}]`);
  } else if (!names.includes(container)) {
    throw badRequest(`container ${container} is not valid for pod ${name}`);
  }

  const follow = parseBool(query.get('follow'), 'follow');
  const previous = parseBool(query.get('previous'), 'previous');
  const timestamps = parseBool(query.get('timestamps'), 'timestamps');
  const tailLines = parseNonNegativeInt(query.get('tailLines'), 'tailLines');
  const sinceSeconds = parseNonNegativeInt(query.get('sinceSeconds'), 'sinceSeconds');
  const limitBytes = parseNonNegativeInt(query.get('limitBytes'), 'limitBytes');
  const sinceTimeText = query.get('sinceTime');
  const problems: string[] = [];
  if (tailLines !== undefined && tailLines < 0) problems.push('tailLines: Invalid value: ' + tailLines + ': must be greater than or equal to 0');
  if (sinceSeconds !== undefined && sinceSeconds < 1) problems.push('sinceSeconds: Invalid value: ' + sinceSeconds + ': must be greater than 0');
  if (limitBytes !== undefined && limitBytes < 1) problems.push('limitBytes: Invalid value: ' + limitBytes + ': must be greater than 0');
  if (sinceSeconds !== undefined && sinceTimeText) problems.push('sinceSeconds: Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified');
  let sinceTime: number | undefined;
  if (sinceTimeText) {
    sinceTime = Date.parse(sinceTimeText);
    if (Number.isNaN(sinceTime)) throw badRequest(`parsing time "${sinceTimeText}" as "2006-01-02T15:04:05Z07:00": cannot parse "${sinceTimeText}" as "2006"`);
  }
  if (problems.length) throw new ApiError(422, 'Invalid', `PodLogOptions "${name}" is invalid: ${problems.length > 1 ? `[${problems.join(', ')}]` : problems[0]}`);
  if (sinceSeconds !== undefined) sinceTime = ctx.clock.now() - sinceSeconds * 1000;

  // A pod not yet bound to a node has no kubelet to ask: the API answers with an empty body.
  if (!pod.spec.nodeName) {
    res.writeHead(200, baseHeaders('text/plain'));
    res.end();
    return;
  }
  const containerId = resolveContainerId(pod, container, previous);
  const instance = ctx.logs.get(containerId);

  res.writeHead(200, { ...baseHeaders('text/plain'), 'Transfer-Encoding': 'chunked' });
  let written = 0;
  let done = false;
  let stopFollowing: () => void = () => {};
  const finish = () => {
    if (done) return;
    done = true;
    stopFollowing();
    res.end();
  };
  const passes = (line: LogLine) => sinceTime === undefined || line.time >= sinceTime;
  const write = (line: LogLine) => {
    if (done) return;
    let text = (timestamps ? `${formatLogTimestamp(line)} ${line.text}` : line.text) + '\n';
    if (limitBytes !== undefined) {
      const room = limitBytes - written;
      const bytes = Buffer.from(text);
      if (bytes.length >= room) {
        res.write(bytes.subarray(0, room));
        written += room;
        finish();
        return;
      }
      text = bytes.toString();
    }
    written += Buffer.byteLength(text);
    res.write(text);
  };

  if (!instance) {
    finish();
    return;
  }
  let lines = instance.lines.filter(passes);
  if (tailLines !== undefined) lines = tailLines === 0 ? [] : lines.slice(-tailLines);
  for (const line of lines) write(line);
  if (!follow || instance.ended || done) {
    finish();
    return;
  }
  ctx.track(res);
  // The API server sends the status and headers of a follow at once, before any line: a client
  // waiting for the response (and the controller to stop it) must not wait for a container to speak.
  res.flushHeaders();
  stopFollowing = ctx.logs.follow(containerId, (line) => {
    if (line === null) finish();
    else if (passes(line)) write(line);
  });
  res.on('close', finish);
}

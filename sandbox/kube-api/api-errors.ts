// metav1.Status failures, worded as the real API server words them.
import { qualifiedResource, type ResourceDefinition } from './resources';

export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'BadRequest'
  | 'MethodNotAllowed'
  | 'NotAcceptable'
  | 'Expired'
  | 'Gone'
  | 'Invalid'
  | 'InternalError';

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
}

export interface KubeStatus {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: StatusReason;
  details?: StatusDetails;
  code: number;
}

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: StatusReason,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toStatus(): KubeStatus {
    const status: KubeStatus = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: this.message, reason: this.reason, code: this.code };
    if (this.details) status.details = this.details;
    else if (this.reason === 'NotFound' || this.reason === 'MethodNotAllowed' || this.reason === 'NotAcceptable') status.details = {};
    return status;
  }
}

function resourceDetails(definition: ResourceDefinition, name: string): StatusDetails {
  const details: StatusDetails = { name };
  if (definition.group) details.group = definition.group;
  details.kind = definition.name;
  return details;
}

export function notFound(definition: ResourceDefinition, name: string): ApiError {
  return new ApiError(404, 'NotFound', `${qualifiedResource(definition)} "${name}" not found`, resourceDetails(definition, name));
}

export function alreadyExists(definition: ResourceDefinition, name: string): ApiError {
  return new ApiError(409, 'AlreadyExists', `${qualifiedResource(definition)} "${name}" already exists`, resourceDetails(definition, name));
}

export function unknownPath(): ApiError {
  return new ApiError(404, 'NotFound', 'the server could not find the requested resource');
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, 'BadRequest', message);
}

export function methodNotAllowed(): ApiError {
  return new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
}

export function notAcceptable(): ApiError {
  return new ApiError(406, 'NotAcceptable', 'only the following media types are accepted: application/json, application/yaml');
}

/** What a watch or an exact LIST says when the requested version has left the history. */
export function tooOldResourceVersion(requested: number, oldest: number): ApiError {
  return new ApiError(410, 'Expired', `too old resource version: ${requested} (${oldest})`);
}

export function continueExpired(): ApiError {
  return new ApiError(
    410,
    'Expired',
    'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
  );
}

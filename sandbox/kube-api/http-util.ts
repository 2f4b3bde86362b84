// Small HTTP helpers shared by the API endpoints: JSON and Status responses, query parsing.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, badRequest, notAcceptable } from './api-errors';

let auditCounter = 0;

export function baseHeaders(contentType: string): Record<string, string> {
  auditCounter = (auditCounter + 1) % 0xffffffff;
  const audit = auditCounter.toString(16).padStart(8, '0');
  return {
    'Content-Type': contentType,
    'Cache-Control': 'no-cache, private',
    'Audit-Id': `${audit}-5a1b-4c2d-8e3f-${audit}${audit.slice(0, 4)}`,
    'X-Kubernetes-Pf-Flowschema-Uid': '6f3a2b1c-0d9e-4f8a-b7c6-5d4e3f2a1b0c',
    'X-Kubernetes-Pf-Prioritylevel-Uid': '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  };
}

export function sendJson(res: ServerResponse, code: number, body: unknown, pretty = false): void {
  const text = pretty ? JSON.stringify(body, null, 2) : JSON.stringify(body);
  res.writeHead(code, { ...baseHeaders('application/json'), 'Content-Length': Buffer.byteLength(text + '\n') });
  res.end(text + '\n');
}

export function sendError(res: ServerResponse, error: unknown): void {
  const apiError = error instanceof ApiError ? error : new ApiError(500, 'InternalError', `Internal error occurred: ${error instanceof Error ? error.message : String(error)}`);
  if (res.headersSent) {
    res.end();
    return;
  }
  sendJson(res, apiError.code, apiError.toStatus());
}

/** strconv.ParseBool, as the API server reads boolean query parameters. */
export function parseBool(value: string | null, name: string): boolean {
  if (value === null || value === '') return false;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  throw badRequest(`invalid boolean value for ${name}: "${value}"`);
}

export function parseNonNegativeInt(value: string | null, name: string): number | undefined {
  if (value === null || value === '') return undefined;
  if (!/^-?\d+$/.test(value)) throw badRequest(`invalid value for ${name}: "${value}"`);
  return Number(value);
}

export type ResponseFormat = { kind: 'json' } | { kind: 'table' };

/** JSON unless the client asks only for something else (protobuf, yaml) — then 406. */
export function negotiate(req: IncomingMessage, allowTable: boolean, wantsTable: (accept: string | undefined) => boolean): ResponseFormat {
  const accept = req.headers.accept;
  if (allowTable && wantsTable(accept)) return { kind: 'table' };
  if (!accept) return { kind: 'json' };
  const types = accept.split(',').map((part) => part.split(';')[0].trim().toLowerCase());
  const acceptsPlainJson = accept.split(',').some((part) => {
    const params = part.split(';').map((p) => p.trim());
    const type = params[0].toLowerCase();
    return (type === 'application/json' || type === '*/*' || type === 'application/*') && !params.some((p) => p.startsWith('as='));
  });
  if (acceptsPlainJson || types.includes('*/*')) return { kind: 'json' };
  throw notAcceptable();
}

export async function readBody(req: IncomingMessage, maxBytes = 1 << 20): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new ApiError(413, 'BadRequest', 'request entity too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

import { jsonError } from './json-error';
import type { z } from 'zod';

export type BodyResult<T> = { ok: true; data: T } | { ok: false; status: 400 | 413 | 415; message: string; issues?: z.core.$ZodIssue[] };

/**
 * Read a JSON body with a byte limit enforced while streaming (a missing or lying Content-Length
 * cannot get past it), then parse it with its schema. Nothing is parsed before the limit holds.
 */
export async function readJsonBody<S extends z.ZodType>(request: Request, schema: S, maxBytes: number): Promise<BodyResult<z.infer<S>>> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.includes('application/json')) return { ok: false, status: 415, message: 'Send JSON (Content-Type: application/json).' };
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) return { ok: false, status: 413, message: `The request is larger than ${Math.round(maxBytes / 1024)} KiB.` };
  const reader = request.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        return { ok: false, status: 413, message: `The request is larger than ${Math.round(maxBytes / 1024)} KiB.` };
      }
      chunks.push(value);
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return { ok: false, status: 400, message: 'The request body is not valid JSON.' };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { ok: false, status: 400, message: 'The request is missing fields or has wrong ones.', issues: parsed.error.issues };
  return { ok: true, data: parsed.data };
}

/** A body that did not parse, as the JSON error answer: the first field message when there is one. */
export function bodyErrorResponse(body: Extract<BodyResult<unknown>, { ok: false }>, requestId: string, field?: string): Response {
  const message = field ? body.issues?.find((issue) => issue.path[0] === field)?.message : undefined;
  return jsonError(body.status, 'invalid', message ?? body.message, { requestId });
}

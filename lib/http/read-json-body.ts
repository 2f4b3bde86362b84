import type { z } from 'zod';
import { fail, parseInput, type Result } from '@/lib/result/result';

/**
 * Read a JSON body with a byte limit enforced while streaming (a missing or lying Content-Length
 * cannot get past it), then parse it with its schema. Nothing is parsed before the limit holds.
 */
export async function readJsonBody<S extends z.ZodType>(request: Request, schema: S, maxBytes: number): Promise<Result<z.infer<S>>> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.includes('application/json')) return fail('invalid', 'Send JSON (Content-Type: application/json).');
  const tooLarge = () => fail('too-large', `The request is larger than ${Math.round(maxBytes / 1024)} KiB.`);
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) return tooLarge();
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
        return tooLarge();
      }
      chunks.push(value);
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return fail('invalid', 'The request body is not valid JSON.');
  }
  return parseInput<z.infer<S>>(schema, json);
}


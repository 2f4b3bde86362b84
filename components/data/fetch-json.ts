// The browser's one way to call Berth's JSON routes: any answer becomes a Result in the same
// vocabulary the server uses (lib/result/result.ts) — Berth's error body as it is, a proxy's error
// page or an unreachable server as the code its status means. Aborting (a newer request, a page
// left) still throws the AbortError, so callers can ignore it.
import { codeForHttpStatus, fail, type Failure, isErrorCode, ok, type Result } from '@/lib/result/result';

export interface FetchJsonInit {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal;
  /** Default `no-store`: answers carry data for one person at one moment. */
  cache?: RequestCache;
}

const UNREACHABLE = 'Berth could not be reached: check your connection and try again.';

export async function fetchJson<T, D = unknown>(url: string, init: FetchJsonInit = {}): Promise<Result<T, D>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method ?? 'GET',
      headers: { accept: 'application/json', ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      cache: init.cache ?? 'no-store',
      signal: init.signal,
    });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    return fail('unavailable', UNREACHABLE);
  }
  const body = await readBody(response);
  if (response.ok) return ok(body as T);
  return { ok: false, error: failureOf(response.status, body) as Failure<D> };
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  try {
    return await response.json();
  } catch {
    return undefined; // not JSON: a proxy's page, an empty answer
  }
}

function failureOf(status: number, body: unknown): Failure {
  const error = (body as { error?: Partial<Failure> } | undefined)?.error;
  if (error && isErrorCode(error.code) && typeof error.message === 'string') return error as Failure;
  const code = codeForHttpStatus(status);
  return { code, message: code === 'unauthenticated' ? 'Your sign-in has expired: sign in again.' : `Berth answered HTTP ${status}; try again.` };
}

/** A failed request as an Error, for code that reports failures by throwing (SharedFetch, paging). */
export class RequestFailed<D = unknown> extends Error {
  constructor(readonly failure: Failure<D>) {
    super(failure.message);
    this.name = 'RequestFailed';
  }
}

export function dataOrThrow<T, D>(result: Result<T, D>): T {
  if (!result.ok) throw new RequestFailed(result.error);
  return result.data;
}

// How route handlers answer: data as JSON, a failure as Berth's one error shape ({ error: Failure })
// with the HTTP status of its code. Nothing a route returns is cached: it may carry data one
// person may see and another may not.
import { type ErrorCode, type Failure, HTTP_STATUS, type Result } from '@/lib/result/result';

const NO_STORE = { 'cache-control': 'no-store' };

export interface ErrorBody {
  error: Failure;
}

export function failureResponse(error: Failure, requestId?: string): Response {
  const body: ErrorBody = { error: requestId ? { ...error, requestId } : error };
  return Response.json(body, { status: HTTP_STATUS[error.code], headers: NO_STORE });
}

export function jsonError(code: ErrorCode, message: string, extra: { requestId?: string; details?: unknown } = {}): Response {
  const { requestId, details } = extra;
  return failureResponse(details === undefined ? { code, message } : { code, message, details }, requestId);
}

export function jsonData(data: unknown, options: { status?: number } = {}): Response {
  return Response.json(data, { status: options.status ?? 200, headers: NO_STORE });
}

/** A result as an answer: its data (with `status`, 200 unless said), or its failure. */
export function respond<T>(result: Result<T>, options: { status?: number; requestId?: string } = {}): Response {
  return result.ok ? jsonData(result.data, options) : failureResponse(result.error, options.requestId);
}

/** A CSV download (exports for spreadsheets): never cached, never sniffed as something else. */
export function csvDownload(csv: string, filename: string): Response {
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}

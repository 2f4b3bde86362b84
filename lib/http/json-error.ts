// The one shape of an error answer from Berth's route handlers.
export interface JsonErrorBody {
  error: { code: string; message: string; requestId?: string; details?: unknown };
}

export function jsonError(status: number, code: string, message: string, extra: { requestId?: string; details?: unknown } = {}) {
  const body: JsonErrorBody = { error: { code, message, ...extra } };
  return Response.json(body, { status, headers: { 'cache-control': 'no-store' } });
}

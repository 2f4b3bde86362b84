// A cutover step's actions over HTTP: approve (Berth then runs it), reject, withdraw, roll back —
// the same inputs and checks as the panel's buttons.
import { z } from 'zod';
import { withUser } from '@/lib/auth/with-user';
import { readJsonBody } from '@/lib/http/read-json-body';
import { jsonError, respond } from '@/lib/http/respond';
import { approveStepInput, rejectStepInput, stepIdSchema } from '@/lib/migration/cutover-inputs';
import { approveStep, rejectStep, rollbackStep, withdrawStep } from '@/lib/migration/cutover-steps';
import { parseInput } from '@/lib/result/result';

export const dynamic = 'force-dynamic';

const paramsSchema = z.object({ id: stepIdSchema, action: z.enum(['approve', 'reject', 'withdraw', 'rollback']) });
const bodySchema = z.object({ comment: z.string().optional(), reason: z.string().optional() });

export const POST = withUser<{ id: string; action: string }>(async (request, { params, user, requestId }) => {
  const path = paramsSchema.safeParse(params);
  if (!path.success) return jsonError('invalid', 'Unknown cutover step or action (approve, reject, withdraw, rollback).', { requestId });
  const body = await readJsonBody(request, bodySchema, 16 * 1024);
  if (!body.ok) return respond(body, { requestId });
  const { id, action } = path.data;
  switch (action) {
    case 'approve': {
      const input = parseInput(approveStepInput, { id, comment: body.data.comment || undefined });
      return respond(input.ok ? await approveStep(user, input.data) : input, { requestId });
    }
    case 'reject': {
      const input = parseInput(rejectStepInput, { id, reason: body.data.reason });
      return respond(input.ok ? await rejectStep(user, input.data) : input, { requestId });
    }
    case 'withdraw':
      return respond(await withdrawStep(user, { id }), { requestId });
    case 'rollback':
      return respond(await rollbackStep(user, { id }), { requestId });
  }
});

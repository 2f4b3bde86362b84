// Input schemas of the home's actions (shared by the action and any route).
import { z } from 'zod';

export const markDecisionsSeenSchema = z.object({
  /** The requests whose decisions the author has seen; absent: all of theirs. */
  changeIds: z.array(z.number().int().positive()).max(200).optional(),
});

export type MarkDecisionsSeenInput = z.infer<typeof markDecisionsSeenSchema>;

// The activity report's filters, parsed the same way from the page's search params and the CSV
// route's. Runs in the browser too.
import { z } from 'zod';
import { appNameSchema, environmentNameSchema } from '@/lib/catalog/app-name';
import { ACTIVITY_KINDS } from './activity-kinds';

// A blank select or field in a GET form arrives as '' and means "any".
const blankIsUnset = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

export const activityFiltersSchema = z.object({
  environment: z.preprocess(blankIsUnset, environmentNameSchema.default('production')),
  week: z.preprocess(blankIsUnset, z.string().regex(/^\d{4}-W\d{2}$/, 'a week like 2026-W49').optional()),
  kind: z.preprocess(blankIsUnset, z.enum(ACTIVITY_KINDS).optional()),
  app: z.preprocess(blankIsUnset, appNameSchema.optional()),
  person: z.preprocess(blankIsUnset, z.string().trim().toLowerCase().max(254, 'an email has at most 254 characters').optional()),
});

export type ActivityFilters = z.infer<typeof activityFiltersSchema>;

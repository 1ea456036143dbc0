// Settings that change how raw rows become MRR (docs/DATA_MODEL.md, "Normalisation").
import { z } from 'zod';

export const normalizeOptionsSchema = z.object({
  /** Whether end dates name the last day paid (inclusive) or the first day no longer paid (exclusive). */
  endDate: z.enum(['exclusive', 'inclusive']),
  /** Discounts reduce MRR (ProfitWell), or are ignored (Stripe, except "forever" coupons). */
  discounts: z.enum(['apply', 'ignore']),
  /** Whether `amount` is a per-seat price to multiply by `quantity`. */
  amountIsUnitPrice: z.boolean(),
  reportingCurrency: z.string().regex(/^[A-Za-z]{3}$/).nullable(),
  /** Units of the reporting currency per unit of each other currency. */
  rates: z.record(z.string().regex(/^[A-Za-z]{3}$/), z.number().positive()),
  /** Open subscriptions are active up to this date; default: the data's latest event date. */
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  /** Transactional data: days without revenue before a customer counts as gone. */
  inactivityDays: z.number().int().min(1).max(3650),
});
export type NormalizeOptions = z.infer<typeof normalizeOptionsSchema>;

export const DEFAULT_NORMALIZE_OPTIONS: NormalizeOptions = {
  endDate: 'exclusive',
  discounts: 'apply',
  amountIsUnitPrice: false,
  reportingCurrency: null,
  rates: {},
  asOf: null,
  inactivityDays: 90,
};

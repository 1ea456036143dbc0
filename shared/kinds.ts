// The kinds of file the churn model imports (shared/model.ts), apart from the
// model's zod schemas: the command line's options (main/cli/options.ts) need
// only these names, and its --help and inspect start without zod.
export const KINDS = ['subscriptions', 'invoices', 'mrr', 'customer_list', 'customers', 'churn_events'] as const;
export type Kind = (typeof KINDS)[number];

// From billing terms to monthly recurring revenue (../shared/domain.md §3):
// intervals spread evenly (week ×52/12, quarter ÷3, year ÷12, multi-year
// ÷ 12 × years), tax excluded (subtracted where the amount includes it), discounts per setting, trials and refunds not MRR.

/** Months one billing cycle covers, as SQL, from a normalised interval and count. */
export function monthsPerCycleSql(intervalSql: string, countSql: string): string {
  return `(coalesce(${countSql}, 1) * CASE ${intervalSql}
    WHEN 'day' THEN 12.0 / 365 WHEN 'week' THEN 12.0 / 52 WHEN 'quarter' THEN 3 WHEN 'year' THEN 12 ELSE 1 END)`;
}

export interface MonthlySqlOptions {
  discounts: 'apply' | 'ignore';
  amountIsUnitPrice: boolean;
  /** Whether the file's amount includes its tax (mapping/tax.ts): only then is the tax subtracted. */
  amountIncludesTax: boolean;
}

/** The amount without tax: the tax is subtracted only from an amount that includes it. */
export const netOfTaxSql = (amountIncludesTax: boolean) => (amountIncludesTax ? '(amount - coalesce(tax, 0))' : 'amount');

/**
 * Monthly MRR of a subscription row in its own currency, DECIMAL(18,6).
 * Columns read: amount, tax, discount, discount_amount, quantity, billing_interval, interval_count.
 */
export function subscriptionMrrSql(options: MonthlySqlOptions): string {
  const gross = `(${netOfTaxSql(options.amountIncludesTax)}${options.discounts === 'apply' ? ' - coalesce(discount_amount, 0)' : ''})`;
  const perSeat = options.amountIsUnitPrice ? ` * coalesce(quantity, 1)` : '';
  const discount = options.discounts === 'apply' ? ' * (1 - coalesce(discount, 0) / 100)' : '';
  return `CAST(round(${gross}${perSeat}${discount} / ${monthsPerCycleSql('billing_interval', 'interval_count')}, 6) AS DECIMAL(18,6))`;
}

// The data-quality audit of an import (docs/DATA_MODEL.md, "Audit"): one row
// per check in churn.audit, with a count and up to five examples (line and
// value: the first lines, or the first values where there is no line, so the
// same file gives the same examples every time), stored in the workspace and
// shown after every import.
import { taxDecisionText, type Kind, type NormalizeOptions, type TaxDecision } from '../../shared/model.js';
import type { Field } from './mapping/index.js';
import { hasPeriodSql, loadedRowsSql, oneOffSql, skippedStatusSql, statusKeySql } from './normalize/load.js';
import { ident, str } from '../runtime/sql.js';
import { moneySql } from './mapping/index.js';
import { OPEN_END_FIELDS } from './stage.js';
import type { ModelSources } from '../model/sources.js';

export type Severity = 'error' | 'warning' | 'info';

interface Check {
  check: string;
  severity: Severity;
  /** SQL yielding rows (line, value), or (line, value, amount) with `amounts`: each row is one finding. */
  findings: string;
  /** The findings carry an amount: the check's row sums them. */
  amounts?: boolean;
  /** The findings carry a last column, `rank`: the examples are those ranked first (else the first lines, then values). */
  ranked?: boolean;
}

const EXAMPLES = 5;

function fileChecks(kind: Kind, stage: string, options: NormalizeOptions, fields: Partial<Record<Field, string>>): Check[] {
  const checks: Check[] = [];
  const loaded = loadedRowsSql(kind, options);
  // Negative subscription amounts and MRR are rejected (see the rejects); invoices keep refunds, flagged.
  const amount = { subscriptions: 'amount', invoices: 'amount', mrr: 'mrr', customer_list: 'mrr' } as Partial<Record<Kind, string>>;
  const money = amount[kind];
  if (kind === 'invoices') {
    checks.push({ check: 'refunds_and_negative_amounts', severity: 'info', findings: `SELECT _line, CAST(amount AS VARCHAR) FROM ${stage} WHERE (amount < 0 OR is_refund) AND ${loaded}` });
    checks.push({
      check: 'one_off_charges',
      severity: 'info',
      amounts: true,
      findings: `SELECT _line, CAST(amount AS VARCHAR), amount FROM ${stage}
                 WHERE ${oneOffSql(options, { subscriptionMapped: fields.subscription_id !== undefined })} AND ${loaded}`,
    });
    // Revenue with a service period is coverage; without one, a transaction that the inactivity window bridges.
    checks.push({
      check: 'lines_without_service_period',
      severity: 'info',
      amounts: true,
      findings: `SELECT _line, CAST(date AS VARCHAR), amount FROM ${stage}
                 WHERE NOT ${hasPeriodSql(options)} AND NOT ${oneOffSql(options, { subscriptionMapped: fields.subscription_id !== undefined })} AND ${loaded}`,
    });
  }
  if (money) {
    checks.push({ check: 'zero_amounts', severity: 'info', findings: `SELECT _line, CAST(${money} AS VARCHAR) FROM ${stage} WHERE ${money} = 0 AND ${loaded}` });
  }
  // Rows with no customer (guest buyers): counted once, with their revenue, which is no customer's MRR.
  checks.push({
    check: 'rows_without_customer',
    severity: 'info',
    amounts: money !== undefined,
    findings: `SELECT _line, ${money ? `CAST(${money} AS VARCHAR), ${money}` : 'NULL'} FROM ${stage} WHERE NOT _rejected AND customer_id IS NULL`,
  });
  const dates: Partial<Record<Kind, string[]>> = {
    subscriptions: ['start_date', 'end_date', 'canceled_at'],
    invoices: ['date', 'period_start', 'period_end'],
    mrr: ['month'],
    customer_list: ['start_date', 'canceled_at'],
    churn_events: ['date'],
  };
  for (const column of dates[kind] ?? []) {
    checks.push({
      check: `future_dates:${column}`,
      severity: 'warning',
      findings: `SELECT _line, CAST(${column} AS VARCHAR) FROM ${stage} WHERE ${column} > current_date AND NOT _rejected`,
    });
  }
  // "No end" written as a date (9999-12-31 …): read as open; the stage flags each such row.
  for (const column of OPEN_END_FIELDS) {
    if (!(dates[kind] ?? []).includes(column)) continue;
    checks.push({
      check: `open_end_sentinel:${column}`,
      severity: 'info',
      findings: `SELECT _line, 'a "no end" date such as 9999-12-31, read as open' FROM ${stage} WHERE _open_${column} AND NOT _rejected`,
    });
  }
  if (kind === 'subscriptions') {
    checks.push(
      {
        check: 'duplicate_ids:subscription_id',
        severity: 'warning',
        findings: `SELECT _line, subscription_id FROM (SELECT _line, subscription_id, count(*) OVER (PARTITION BY subscription_id) AS n FROM ${stage} WHERE subscription_id IS NOT NULL) WHERE n > 1`,
      },
      {
        check: 'overlapping_subscriptions',
        severity: 'info',
        findings: `SELECT _line, customer_id FROM (
                     SELECT _line, customer_id, start_date,
                            max(coalesce(end_date, DATE '9999-12-31')) OVER (PARTITION BY customer_id ORDER BY start_date, _line
                              ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS previous_end
                     FROM ${stage} WHERE NOT _rejected)
                   WHERE previous_end > start_date`,
      },
    );
  }
  if (kind === 'customers' || kind === 'customer_list') {
    checks.push({
      check: 'duplicate_ids:customer_id',
      severity: 'warning',
      findings: `SELECT _line, customer_id FROM (SELECT _line, customer_id, count(*) OVER (PARTITION BY customer_id) AS n FROM ${stage} WHERE customer_id IS NOT NULL) WHERE n > 1`,
    });
  }
  return checks;
}

/**
 * Checks across the whole workspace, run after every import: its tables of
 * rows from files as `s` gives them (an import's, with the rows it adds), and
 * customer_month as rebuilt.
 */
const workspaceChecks = (s: ModelSources): Check[] => [
  {
    check: 'customers_without_revenue',
    severity: 'info',
    findings: `SELECT NULL, customer_id FROM ${CUSTOMER_REVENUE} WHERE listed AND NOT has_revenue
                 AND customer_id NOT IN (SELECT customer_id FROM ${s.customer_list})`,
  },
  {
    check: 'revenue_without_customers',
    severity: 'warning',
    findings: `SELECT NULL, customer_id FROM ${CUSTOMER_REVENUE} WHERE has_revenue AND NOT listed
                 AND EXISTS (SELECT 1 FROM churn.customers)`,
  },
  {
    // One finding per currency when amounts come in more than one.
    check: 'currency_mix',
    severity: 'info',
    // The most used first.
    findings: `SELECT NULL, currency || ': ' || n || ' rows', row_number() OVER (ORDER BY n DESC, currency) FROM (
                 SELECT currency, count(*) AS n, count(*) OVER () AS currencies FROM (
                   SELECT currency FROM ${s.subscriptions} UNION ALL SELECT currency FROM ${s.revenue_lines}
                   UNION ALL SELECT currency FROM ${s.mrr_snapshots} UNION ALL SELECT currency FROM ${s.customer_list})
                 WHERE currency IS NOT NULL GROUP BY currency)
               WHERE currencies > 1`,
    ranked: true,
  },
  {
    check: 'currency_without_rate',
    severity: 'error',
    findings: `SELECT NULL, currency FROM (
                 SELECT currency FROM ${s.subscriptions} UNION ALL SELECT currency FROM ${s.revenue_lines}
                 UNION ALL SELECT currency FROM ${s.mrr_snapshots} UNION ALL SELECT currency FROM ${s.customer_list})
               WHERE currency IS NOT NULL
                 AND currency IS DISTINCT FROM (SELECT json_extract_string(value, '$') FROM churn.settings WHERE key = 'reporting_currency')
                 AND currency NOT IN (SELECT currency FROM churn.fx_rates)`,
  },
];

const AUDIT_COLUMNS = `(import_id, "check", severity, count, examples, amount)`;

/**
 * Every customer of the index with whether it has revenue (a month in
 * customer_month) and whether the customers table lists it: what the two
 * checks between customers and revenue read, made once for both (each
 * matched a million text ids against another million on its own: 0.25-0.34 s
 * each at 1M customers). The customers with revenue are found by their
 * number (distinct integers are cheaper than distinct text).
 */
const CUSTOMER_REVENUE = 'cw_audit_customer_revenue';
const customerRevenueSql = `
CREATE OR REPLACE TEMP TABLE ${CUSTOMER_REVENUE} AS
SELECT i.customer_id, r.cidx IS NOT NULL AS has_revenue, c.customer_id IS NOT NULL AS listed
FROM churn.customer_index i
LEFT JOIN (SELECT DISTINCT cidx FROM churn.customer_month_rows) r ON r.cidx = i.cidx
LEFT JOIN (SELECT DISTINCT customer_id FROM churn.customers) c ON c.customer_id = i.customer_id`;

/**
 * A check's row: its findings counted (and their amounts summed), and the
 * first EXAMPLES of them kept in a fixed order, whatever order a parallel
 * query gives them in (a top-n aggregate, not a sort of every finding).
 */
function insertCheck(importId: number, { check, severity, findings, amounts, ranked }: Check): string {
  const example = 'struct_pack(line := line, value := value)';
  return `
INSERT INTO churn.audit ${AUDIT_COLUMNS}
SELECT ${importId}, '${check}', '${severity}', count(*),
       to_json(${ranked ? `min_by(${example}, rank, ${EXAMPLES})` : `min(${example}, ${EXAMPLES})`}),
       ${amounts ? 'CAST(sum(amount) AS DECIMAL(18,2))' : 'NULL'}
FROM (${findings}) f(line, value${amounts ? ', amount' : ''}${ranked ? ', rank' : ''})
HAVING count(*) > 0`;
}

/** Invoices left out because their status is not revenue (the skipStatuses setting): one check per status, with count and amount. */
function skippedStatusesSql(importId: number, kind: Kind, stage: string, options: NormalizeOptions): string | null {
  if (kind !== 'invoices') return null;
  return `
INSERT INTO churn.audit ${AUDIT_COLUMNS}
SELECT ${importId}, 'not_revenue_status:' || status_key, 'info', count(*),
       to_json(list(struct_pack(line := _line, value := CAST(amount AS VARCHAR)) ORDER BY _line)[1:${EXAMPLES}]),
       CAST(sum(amount) AS DECIMAL(18,2))
FROM (SELECT *, ${statusKeySql} AS status_key FROM ${stage} WHERE NOT _rejected AND customer_id IS NOT NULL AND ${skippedStatusSql(kind, options)})
GROUP BY status_key`;
}

export function auditSql(
  importId: number,
  kind: Kind,
  stage: string,
  options: NormalizeOptions,
  fields: Partial<Record<Field, string>>,
  /** The last file of a batch also records the workspace's checks, reading its tables as these give them. */
  workspace: ModelSources | null,
): string[] {
  const skipped = skippedStatusesSql(importId, kind, stage, options);
  return [
    ...fileChecks(kind, stage, options, fields).map((check) => insertCheck(importId, check)),
    ...(workspace ? [customerRevenueSql, ...workspaceChecks(workspace).map((check) => insertCheck(importId, check)), `DROP TABLE ${CUSTOMER_REVENUE}`] : []),
    ...(skipped ? [skipped] : []),
  ];
}

/**
 * The file's tax decision (mapping/tax.ts) as an audit row: whether the amount
 * includes the tax, why, and on how many loaded rows the tax is not zero. A
 * decision nothing in the file supports is a warning.
 */
export function taxAuditSql(importId: number, kind: Kind, stage: string, decision: TaxDecision | null, options: NormalizeOptions): string | null {
  if (!decision) return null;
  const check = decision.amountIncludesTax ? 'amount_includes_tax' : 'amount_excludes_tax';
  const severity: Severity = decision.source === 'assumed' ? 'warning' : 'info';
  return `
INSERT INTO churn.audit ${AUDIT_COLUMNS}
SELECT ${importId}, '${check}', '${severity}', count(*) FILTER (WHERE tax <> 0 AND ${loadedRowsSql(kind, options)}),
       to_json([struct_pack(line := CAST(NULL AS BIGINT), value := ${str(taxDecisionText(decision))})]), NULL
FROM ${stage}`;
}

/**
 * A decision the sampled values made (amount + tax = another column), checked
 * on every loaded row with tax: the rows where it does not hold (a discount, a
 * rounding beyond a cent), with their amount. More than 5% of them is a
 * warning: the file may not be what its first rows said.
 */
export function taxRelationAuditSql(importId: number, kind: Kind, stage: string, decision: TaxDecision | null, options: NormalizeOptions): string | null {
  if (!decision?.evidence) return null;
  const differs = decision.amountIncludesTax ? 'abs(other + tax - amount) > 0.01' : 'abs(amount + tax - other) > 0.01';
  // Plain decimals (most exports) by a cast, anything else by the full money reader, as the stage reads amounts.
  const raw = `CAST(_source.${ident(decision.evidence.column)} AS VARCHAR)`;
  const other = `CASE WHEN regexp_full_match(${raw}, '-?[0-9]{1,12}(\\.[0-9]{1,6})?') THEN TRY_CAST(${raw} AS DECIMAL(18,6)) ELSE ${moneySql(raw)} END`;
  const rows = `SELECT _line, amount, tax, ${other} AS other FROM ${stage} WHERE tax <> 0 AND ${loadedRowsSql(kind, options)}`;
  return `
INSERT INTO churn.audit ${AUDIT_COLUMNS}
SELECT ${importId}, 'tax_relation_differs:' || ${str(decision.evidence.column)},
       CASE WHEN count(*) FILTER (WHERE d) > 0.05 * count(*) THEN 'warning' ELSE 'info' END,
       count(*) FILTER (WHERE d),
       to_json((list(struct_pack(line := _line, value := CAST(amount AS VARCHAR) || ' / ' || CAST(other AS VARCHAR)) ORDER BY _line) FILTER (WHERE d))[1:${EXAMPLES}]),
       CAST(sum(amount) FILTER (WHERE d) AS DECIMAL(18,2))
FROM (SELECT *, coalesce(${differs}, false) AS d FROM (${rows}))
HAVING count(*) FILTER (WHERE d) > 0`;
}

/** Rejected rows, by reason and column, with examples: part of the audit too. */
export function rejectsAuditSql(importId: number): string {
  return `
INSERT INTO churn.audit ${AUDIT_COLUMNS}
SELECT ${importId}, 'rejected:' || reason || coalesce(':' || "column", ''), 'error', count(*),
       to_json(list(struct_pack(line := line, value := value) ORDER BY line)[1:${EXAMPLES}]), NULL
FROM churn.rejects WHERE import_id = ${importId} GROUP BY reason, "column"`;
}

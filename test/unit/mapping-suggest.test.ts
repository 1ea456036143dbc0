// Suggesting the mapping of a file onto the canonical model: the field catalog
// against docs/DATA_MODEL.md, header normalisation and synonyms (English and
// Chinese), kind detection, the Stripe/Chargebee/Recurly presets, the sample
// files, ambiguity of dates, and validation of a user's mapping.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  FIELDS,
  FIELD_CATALOG,
  KINDS,
  PRESETS,
  REQUIRED,
  detectPreset,
  fieldsOfKind,
  matchHeader,
  missingRequired,
  normalizeHeader,
  normalizeHeaderLoose,
  suggestMapping,
  validateMapping,
  type ColumnInput,
  type Field,
  type Kind,
} from '../../main/ingest/mapping/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SHARED_DATA = path.resolve(ROOT, '..', 'shared', 'data');

/** A small RFC 4180 reader: enough for the first rows of the sample files. */
function readCsv(file: string, maxRows = 60): ColumnInput[] {
  const text = fs.readFileSync(file, 'utf8');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length && rows.length <= maxRows; i += 1) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  const [header = [], ...body] = rows;
  return header.map((name, index) => ({ name, type: 'VARCHAR', samples: body.map((r) => (r[index] === '' || r[index] === undefined ? null : r[index]!)) }));
}

/** Columns from names, each with the same few samples per name. */
const columns = (spec: Record<string, (string | null)[]>): ColumnInput[] =>
  Object.entries(spec).map(([name, samples]) => ({ name, type: 'VARCHAR', samples }));

/** Columns from a header line only, samples chosen from what each name suggests. */
function headerOnly(header: string, sample: (name: string) => string): ColumnInput[] {
  return header.split(',').map((name) => ({ name, type: 'VARCHAR', samples: [sample(name), sample(name)] }));
}

describe('the field catalog', () => {
  test('matches the field table of docs/DATA_MODEL.md: kinds and types', () => {
    const doc = fs.readFileSync(path.join(ROOT, 'docs', 'DATA_MODEL.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## Fields'), doc.indexOf('## Tables'));
    const seen = new Set<string>();
    for (const line of section.split('\n')) {
      const cells = line.split('|').map((c) => c.trim());
      if (cells.length < 5 || !cells[1]!.startsWith('`')) continue;
      const names = [...cells[1]!.matchAll(/`([a-z_]+)`/g)].map((m) => m[1]!);
      const kinds = cells[2] === 'all' ? [...KINDS] : cells[2]!.split(',').map((k) => k.trim());
      for (const name of names) {
        seen.add(name);
        assert.ok((FIELDS as readonly string[]).includes(name), `${name} is in the catalog`);
        const spec = FIELD_CATALOG[name as Field];
        assert.deepEqual([...spec.kinds].sort(), [...kinds].sort(), `kinds of ${name}`);
        assert.equal(spec.type, cells[3], `type of ${name}`);
      }
    }
    assert.deepEqual([...seen].sort(), [...FIELDS].sort(), 'every documented field, and only those');
  });

  test('required fields per kind, with customer_list needing start_date or tenure_months', () => {
    assert.deepEqual(REQUIRED.subscriptions, ['customer_id', 'start_date', 'amount']);
    assert.deepEqual(REQUIRED.invoices, ['customer_id', 'date', 'amount']);
    assert.deepEqual(REQUIRED.mrr, ['customer_id', 'month', 'mrr']);
    assert.deepEqual(REQUIRED.customers, ['customer_id']);
    assert.deepEqual(REQUIRED.churn_events, ['customer_id', 'date']);
    assert.deepEqual(missingRequired('customer_list', ['customer_id', 'mrr']), ['start_date', 'tenure_months']);
    assert.deepEqual(missingRequired('customer_list', ['customer_id', 'mrr', 'tenure_months']), []);
    assert.deepEqual(missingRequired('customer_list', ['customer_id', 'start_date']), ['mrr']);
    for (const kind of KINDS) {
      for (const requirement of REQUIRED[kind]) {
        for (const field of typeof requirement === 'string' ? [requirement] : requirement) {
          assert.ok(fieldsOfKind(kind).includes(field), `${field} belongs to ${kind}`);
        }
      }
    }
  });
});

describe('headers', () => {
  test('normalisation ignores case, spaces, underscores, punctuation and full-width forms', () => {
    for (const header of ['Customer ID', 'customer_id', 'CUSTOMER-ID', 'customer.id', ' Customer  Id ', 'ＣｕｓｔｏｍｅｒＩＤ', 'customerId']) {
      assert.equal(normalizeHeader(header), 'customerid', header);
    }
    assert.equal(normalizeHeader('客户 ID'), '客户id');
    assert.equal(normalizeHeader('客户（ID）'), '客户id');
    assert.equal(normalizeHeaderLoose('Created (UTC)'), 'created');
    assert.equal(normalizeHeaderLoose('金额（元）'), '金额');
    assert.equal(normalizeHeaderLoose('Amount [USD]'), 'amount');
  });

  test('synonyms in English, Simplified and Traditional Chinese', () => {
    const exact = (header: string) => matchHeader(header).filter((m) => m.strength !== 'hint').map((m) => m.field);
    const cases: [string, Field][] = [
      ['客户ID', 'customer_id'], ['客户编号', 'customer_id'], ['客戶編號', 'customer_id'], ['Client ID', 'customer_id'],
      ['客户名称', 'name'], ['客戶名稱', 'name'], ['Company Name', 'name'],
      ['金额', 'amount'], ['金額', 'amount'], ['金额（元）', 'amount'], ['Price', 'amount'],
      ['开始日期', 'start_date'], ['開始日期', 'start_date'], ['Start Date', 'start_date'],
      ['结束日期', 'end_date'], ['結束日期', 'end_date'], ['Expiry Date', 'end_date'],
      ['行业', 'industry'], ['行業', 'industry'], ['员工人数', 'employees'], ['員工人數', 'employees'],
      ['国家', 'country'], ['國家', 'country'], ['取消原因', 'cancellation_reason'], ['Cancel Reason', 'cancellation_reason'],
      ['月份', 'month'], ['月度经常性收入', 'mrr'], ['月度經常性收入', 'mrr'], ['MonthlyCharges', 'mrr'],
      ['是否流失', 'churned'], ['Churn', 'churned'], ['计费周期', 'billing_interval'], ['Billing Period', 'billing_interval'],
      ['币种', 'currency'], ['tenure', 'tenure_months'], ['discount_pct', 'discount'], ['signup_date', 'first_seen'],
    ];
    for (const [header, field] of cases) assert.ok(exact(header).includes(field), `${header} → ${field} (got ${exact(header).join(', ')})`);
    assert.deepEqual(exact('favourite colour'), []);
  });
});

describe('the sample files and public data sets', () => {
  test('assets/sample/subscriptions.csv is a subscriptions file, every column mapped', () => {
    const s = suggestMapping(readCsv(path.join(ROOT, 'assets', 'sample', 'subscriptions.csv')));
    assert.equal(s.kind, 'subscriptions');
    assert.equal(s.preset, null);
    assert.deepEqual(s.fields, {
      customer_id: 'customer_id',
      subscription_id: 'subscription_id',
      plan: 'plan',
      start_date: 'start_date',
      end_date: 'end_date',
      amount: 'amount',
      billing_interval: 'billing_interval',
      quantity: 'quantity',
      discount: 'discount_pct',
      currency: 'currency',
      status: 'status',
      canceled_at: 'canceled_at',
      cancellation_reason: 'cancellation_reason',
      churn_type: 'churn_type',
    });
    assert.deepEqual(s.unmapped, []);
    assert.deepEqual(s.missingRequired, []);
    for (const column of ['start_date', 'end_date', 'canceled_at']) {
      assert.equal(s.dateFormats[column]?.format, 'iso');
      assert.equal(s.dateFormats[column]?.ambiguous, false);
    }
    assert.deepEqual(s.numberStyles.amount, { decimal: '.', thousands: ',', currencySymbols: [], parenthesesNegative: false });
    assert.equal(s.percentScales.discount_pct, 'percent');
    assert.match(s.kindReason, /subscriptions/);
  });

  test('assets/sample/customers.csv is a customer attribute file', () => {
    const s = suggestMapping(readCsv(path.join(ROOT, 'assets', 'sample', 'customers.csv')));
    assert.equal(s.kind, 'customers');
    assert.deepEqual(s.fields, {
      customer_id: 'customer_id',
      name: 'company_name',
      first_seen: 'signup_date',
      employees: 'employees',
      country: 'country',
      industry: 'industry',
    });
    assert.deepEqual(s.unmapped, []);
    assert.match(s.kindReason, /customer_list, which lacks mrr/);
  });

  const telco = path.join(SHARED_DATA, 'telco_customer_churn.csv');
  test('the Telco churn data set is a customer list', { skip: fs.existsSync(telco) ? false : `${telco} is absent` }, () => {
    const s = suggestMapping(readCsv(telco));
    assert.equal(s.kind, 'customer_list');
    assert.deepEqual(s.fields, { customer_id: 'customerID', mrr: 'MonthlyCharges', tenure_months: 'tenure', churned: 'Churn' });
    assert.ok(s.unmapped.includes('Contract') && s.unmapped.includes('TotalCharges'), 'other columns stay attributes');
  });

  const periods = path.join(SHARED_DATA, 'subscription_periods.csv');
  test('the dbt mrr-playbook periods are subscriptions', { skip: fs.existsSync(periods) ? false : `${periods} is absent` }, () => {
    const s = suggestMapping(readCsv(periods));
    assert.equal(s.kind, 'subscriptions');
    assert.deepEqual(s.fields, { customer_id: 'customer_id', subscription_id: 'subscription_id', start_date: 'start_date', end_date: 'end_date', amount: 'monthly_amount' });
  });
});

describe('kind detection', () => {
  const cases: [string, Record<string, (string | null)[]>, Kind, Partial<Record<Field, string>>][] = [
    [
      'English invoices',
      { 'Invoice #': ['INV-1', 'INV-2'], 'Customer': ['cus_1', 'cus_2'], 'Invoice Date': ['2024-01-05', '2024-02-05'], 'Total': ['$120.00', '$80.00'], 'Tax': ['$20.00', '$0.00'], 'Currency': ['USD', 'USD'] },
      'invoices',
      { customer_id: 'Customer', date: 'Invoice Date', amount: 'Total', tax: 'Tax', currency: 'Currency' },
    ],
    [
      'English MRR snapshots',
      { 'Account ID': ['A1', 'A1'], 'Month': ['2024-01', '2024-02'], 'MRR': ['100', '120'] },
      'mrr',
      { customer_id: 'Account ID', month: 'Month', mrr: 'MRR' },
    ],
    [
      'English customer list',
      { 'Customer Name': ['Acme', 'Globex'], 'Customer ID': ['1', '2'], 'MRR': ['99', '199'], 'Signup Date': ['2023-04-01', '2023-06-01'], 'Churned': ['yes', 'no'] },
      'customer_list',
      { customer_id: 'Customer ID', name: 'Customer Name', mrr: 'MRR', start_date: 'Signup Date', churned: 'Churned' },
    ],
    [
      'English churn events',
      { 'customer': ['a', 'b'], 'churn date': ['2024-03-01', '2024-04-01'], 'reason': ['price', 'competitor'], 'churn type': ['voluntary', 'involuntary'] },
      'churn_events',
      { customer_id: 'customer', date: 'churn date', cancellation_reason: 'reason', churn_type: 'churn type' },
    ],
    [
      'Chinese customers (Simplified)',
      { '客户ID': ['C1', 'C2'], '客户名称': ['华为', '腾讯'], '行业': ['通信', '互联网'], '员工人数': ['120人', '5000'], '国家': ['中国', '中国'] },
      'customers',
      { customer_id: '客户ID', name: '客户名称', industry: '行业', employees: '员工人数', country: '国家' },
    ],
    [
      'Chinese MRR snapshots',
      { '客户编号': ['C1', 'C1'], '月份': ['2024年01月', '2024年02月'], '月度经常性收入': ['¥1,200', '¥1,300'] },
      'mrr',
      { customer_id: '客户编号', month: '月份', mrr: '月度经常性收入' },
    ],
    [
      'Chinese subscriptions',
      { '客户ID': ['C1', 'C2'], '开始日期': ['2024/01/05', '2024/02/05'], '结束日期': ['2024/03/05', null], '金额': ['1200', '300'], '计费周期': ['月付', '年付'] },
      'subscriptions',
      { customer_id: '客户ID', start_date: '开始日期', end_date: '结束日期', amount: '金额', billing_interval: '计费周期' },
    ],
    [
      'Chinese churn events',
      { '客户ID': ['C1', 'C2'], '日期': ['2024-01-05', '2024-02-05'], '取消原因': ['太贵', '换竞品'] },
      'churn_events',
      { customer_id: '客户ID', date: '日期', cancellation_reason: '取消原因' },
    ],
    [
      'Traditional Chinese invoices',
      { '客戶編號': ['C1', 'C2'], '發票日期': ['2024-01-05', '2024-02-05'], '金額': ['1,200.00', '300.00'] },
      'invoices',
      { customer_id: '客戶編號', date: '發票日期', amount: '金額' },
    ],
    [
      'Chinese customer list',
      { '客户ID': ['C1', 'C2'], '月度经常性收入': ['100', '200'], '开始日期': ['2024-01-05', '2023-02-05'], '是否流失': ['是', '否'] },
      'customer_list',
      { customer_id: '客户ID', mrr: '月度经常性收入', start_date: '开始日期', churned: '是否流失' },
    ],
  ];
  for (const [title, spec, kind, fields] of cases) {
    test(title, () => {
      const s = suggestMapping(columns(spec));
      assert.equal(s.kind, kind, s.kindReason);
      assert.deepEqual(s.fields, fields);
      assert.deepEqual(s.missingRequired, []);
      assert.equal(s.alternatives[0]?.kind, kind);
    });
  }

  test('values decide what a header only hints at', () => {
    const s = suggestMapping(columns({
      customer_id: ['a', 'b'],
      start_note: ['moved from trial', 'n/a'],
      contract_start: ['2024-01-05', '2024-02-01'],
      price: ['10', '20'],
    }));
    assert.equal(s.kind, 'subscriptions');
    assert.equal(s.fields.start_date, 'contract_start', 'the column with dates, not the one whose name contains "start"');
    assert.ok(s.unmapped.includes('start_note'));
  });

  test('numbers are dates only where the header says so', () => {
    const ids = suggestMapping(columns({ customer_id: ['45292', '45300'], mrr: ['10', '20'], month: ['2024-01', '2024-02'] }));
    assert.equal(ids.fields.customer_id, 'customer_id');
    const epochs = suggestMapping(columns({ customer_id: ['a', 'b'], created_at: ['1704067200', '1706745600'], amount: ['10', '20'] }));
    assert.equal(epochs.kind, 'invoices');
    assert.equal(epochs.fields.date, 'created_at');
    assert.equal(epochs.dateFormats.created_at?.format, 'epoch_s');
  });

  test('a required field no header names is found from values, with a note', () => {
    const s = suggestMapping(columns({ 'Customer No': ['C-1', 'C-2', 'C-3'], 'MRR': ['10', '20', '30'], 'Stichtag': ['2024-01-01', '2024-02-01', '2024-03-01'] }), { kind: 'mrr' });
    assert.deepEqual(s.fields, { customer_id: 'Customer No', month: 'Stichtag', mrr: 'MRR' });
    assert.ok(s.notes.some((n) => n.includes('"Stichtag"')), s.notes.join('\n'));
  });

  test('the caller can force the kind', () => {
    const s = suggestMapping(columns({ customer_id: ['a'], date: ['2024-01-01'], amount: ['5'] }), { kind: 'churn_events' });
    assert.equal(s.kind, 'churn_events');
    assert.deepEqual(s.fields, { customer_id: 'customer_id', date: 'date' });
    assert.deepEqual(s.unmapped, ['amount']);
    assert.match(s.kindReason, /given/);
  });

  test('a file that fits no kind says what it lacks', () => {
    const s = suggestMapping(columns({ time: ['306', '455'], status: ['1', '2'], age: ['74', '68'] }));
    assert.deepEqual(s.missingRequired, ['customer_id']);
    assert.match(s.kindReason, /No kind has all its required fields/);
  });
});

describe('dates in a suggestion', () => {
  test('day and month order that the samples cannot tell is flagged, never guessed', () => {
    const s = suggestMapping(columns({ customer: ['a', 'b'], start: ['03/04/2024', '05/06/2024'], price: ['$10', '$20'] }));
    assert.equal(s.fields.start_date, 'start');
    assert.equal(s.dateFormats.start?.ambiguous, true);
    assert.deepEqual(s.dateFormats.start?.examples[0], { input: '03/04/2024', date: '2024-04-03', alternative: '2024-03-04' });
    assert.ok(s.notes.some((n) => n.includes('day-first or month-first')));
  });

  test('13/04/2024 settles it', () => {
    const s = suggestMapping(columns({ customer: ['a', 'b'], start: ['13/04/2024', '05/06/2024'], price: ['$10', '$20'] }));
    assert.deepEqual([s.dateFormats.start?.format, s.dateFormats.start?.ambiguous], ['dmy', false]);
  });

  test('another date column of the same file settles it, and the note says so', () => {
    const s = suggestMapping(columns({ customer: ['a', 'b'], start: ['03/04/2024', '05/06/2024'], end: ['04/13/2024', null], price: ['$10', '$20'] }));
    assert.deepEqual([s.dateFormats.start?.format, s.dateFormats.start?.ambiguous], ['mdy', false]);
    assert.equal(s.dateFormats.start?.examples[0]?.date, '2024-03-04');
    assert.ok(s.notes.some((n) => n.includes('"start"') && n.includes('month-first')));
  });

  test('typed columns keep their type', () => {
    const s = suggestMapping([
      { name: 'customer_id', type: 'VARCHAR', samples: ['a', 'b'] },
      { name: 'month', type: 'DATE', samples: ['2024-01-01', '2024-02-01'] },
      { name: 'mrr', type: 'DECIMAL(18,2)', samples: ['1234.5', '99'] },
    ]);
    assert.equal(s.kind, 'mrr');
    assert.equal(s.dateFormats.month?.format, 'native');
    assert.deepEqual(s.numberStyles.mrr, { decimal: '.', thousands: '', currencySymbols: [], parenthesesNegative: false });
  });
});

describe('export presets', () => {
  const sample = (name: string) => {
    if (/\(UTC\)|_at$|date|term_start/i.test(name)) return '2024-01-05 10:00:00';
    if (/amount|price|fee|tax|total/i.test(name)) return '19.00';
    if (/quantity/i.test(name)) return '2';
    if (/^interval$/i.test(name)) return 'month';
    if (/currency/i.test(name)) return 'usd';
    return 'x1';
  };

  test('Stripe subscriptions', () => {
    const header =
      'id,Customer ID,Customer Name,Customer Email,Plan,Quantity,Currency,Interval,Amount,Status,Created (UTC),Start (UTC),Start Date (UTC),Current Period Start (UTC),Current Period End (UTC),Trial Start (UTC),Trial End (UTC),Canceled At (UTC),Ended At (UTC),Cancellation Reason,senderShopifyCustomerId (metadata)';
    const s = suggestMapping(headerOnly(header, sample));
    assert.equal(s.preset, 'stripe_subscriptions');
    assert.equal(s.kind, 'subscriptions');
    assert.deepEqual(s.fields, {
      customer_id: 'Customer ID',
      subscription_id: 'id',
      plan: 'Plan',
      start_date: 'Start Date (UTC)',
      end_date: 'Ended At (UTC)',
      amount: 'Amount',
      billing_interval: 'Interval',
      quantity: 'Quantity',
      currency: 'Currency',
      status: 'Status',
      canceled_at: 'Canceled At (UTC)',
      cancellation_reason: 'Cancellation Reason',
      period_start: 'Current Period Start (UTC)',
      period_end: 'Current Period End (UTC)',
      trial_end: 'Trial End (UTC)',
    });
    assert.deepEqual(s.minorUnitDigits, {}, 'dashboard exports are in the major unit');
    assert.ok(s.notes.some((n) => /major unit/.test(n)));
    assert.match(s.kindReason, /Stripe subscriptions export/);
  });

  test('Stripe payments (the confirmed header line)', () => {
    const header =
      'id,Description,Seller Message,Created (UTC),Amount,Amount Refunded,Currency,Converted Amount,Converted Amount Refunded,Fee,Tax,Converted Currency,Mode,Status,Statement Descriptor,Customer ID,Customer Description,Customer Email,Captured,Card ID,Card Last4,Card Brand,Invoice ID';
    const s = suggestMapping(headerOnly(header, sample));
    assert.equal(s.preset, 'stripe_payments');
    assert.equal(s.kind, 'invoices');
    assert.deepEqual(s.fields, { customer_id: 'Customer ID', amount: 'Amount', tax: 'Tax', currency: 'Currency', status: 'Status', date: 'Created (UTC)' });
  });

  test('Chargebee subscriptions', () => {
    const header =
      'subscriptions.id,subscriptions.plan_id,subscriptions.plan_quantity,subscriptions.plan_unit_price,subscriptions.status,subscriptions.start_date,subscriptions.trial_start,subscriptions.trial_end,subscriptions.current_term_start,subscriptions.current_term_end,subscriptions.created_at,subscriptions.started_at,subscriptions.cancelled_at,customers.id';
    const s = suggestMapping(headerOnly(header, sample));
    assert.equal(s.preset, 'chargebee_subscriptions');
    assert.equal(s.kind, 'subscriptions');
    assert.deepEqual(s.fields, {
      customer_id: 'customers.id',
      subscription_id: 'subscriptions.id',
      plan: 'subscriptions.plan_id',
      start_date: 'subscriptions.started_at',
      end_date: 'subscriptions.cancelled_at',
      amount: 'subscriptions.plan_unit_price',
      quantity: 'subscriptions.plan_quantity',
      status: 'subscriptions.status',
      period_start: 'subscriptions.current_term_start',
      period_end: 'subscriptions.current_term_end',
      trial_end: 'subscriptions.trial_end',
    });
  });

  test('Recurly subscriptions, with amounts in cents', () => {
    const header = 'uuid,account_code,email,plan_code,state,quantity,unit_amount_in_cents,currency,activated_at,canceled_at,expires_at,created_at,modified_at';
    const s = suggestMapping(headerOnly(header, (name) => (name === 'unit_amount_in_cents' ? '1900' : sample(name))));
    assert.equal(s.preset, 'recurly_subscriptions');
    assert.deepEqual(s.fields, {
      customer_id: 'account_code',
      subscription_id: 'uuid',
      plan: 'plan_code',
      start_date: 'activated_at',
      end_date: 'expires_at',
      amount: 'unit_amount_in_cents',
      quantity: 'quantity',
      currency: 'currency',
      status: 'state',
      canceled_at: 'canceled_at',
    });
    assert.deepEqual(s.minorUnitDigits, { unit_amount_in_cents: 2 });
  });

  test('customer exports of the three vendors', () => {
    assert.equal(detectPreset(['customers.id', 'customers.company', 'customers.email'])?.preset.id, 'chargebee_customers');
    assert.equal(detectPreset(['account_code', 'email', 'company_name', 'created_at'])?.preset.id, 'recurly_accounts');
    assert.equal(detectPreset(['id', 'Email', 'Name', 'Created (UTC)', 'Delinquent'])?.preset.id, 'stripe_customers');
    const s = suggestMapping(headerOnly('account_code,email,company_name,created_at', sample));
    assert.equal(s.kind, 'customers');
    assert.deepEqual(s.fields, { customer_id: 'account_code', name: 'company_name', first_seen: 'created_at' });
  });

  test('plain files match no preset', () => {
    assert.equal(detectPreset(['customer_id', 'plan', 'amount', 'start_date']), null);
    assert.equal(detectPreset(['id', 'name']), null);
    for (const preset of PRESETS) {
      assert.ok(preset.requires.length > 0 && preset.minAnyOf >= 1, preset.id);
      for (const field of Object.keys(preset.columns)) assert.ok(fieldsOfKind(preset.kind).includes(field as Field), `${preset.id}: ${field}`);
    }
  });
});

describe('validateMapping', () => {
  test('a complete mapping has no problems', () => {
    assert.deepEqual(validateMapping('subscriptions', { customer_id: 'cust', start_date: 'from', amount: 'price' }, ['cust', 'from', 'price']), []);
    assert.deepEqual(validateMapping('customer_list', { customer_id: 'a', mrr: 'b', tenure_months: 'c' }), []);
  });

  test('unknown fields, fields of other kinds, columns not in the file, missing required fields', () => {
    const problems = validateMapping('subscriptions', { customer_id: 'cust', amout: 'Amount', mrr: 'x', start_date: 'Start' }, ['cust', 'Amount', 'start']);
    assert.deepEqual(problems.map((p) => [p.code, p.field]), [
      ['unknown_field', 'amout'],
      ['field_not_in_kind', 'mrr'],
      ['column_not_in_file', 'start_date'],
      ['missing_required', 'amount'],
    ]);
    assert.match(problems[0]!.message, /did you mean "amount"/);
    assert.match(problems[1]!.message, /belongs to mrr, customer_list/);
    assert.match(problems[2]!.message, /"Start".*not in the file.*did you mean "start"/);
    assert.match(problems[3]!.message, /needs amount/);
  });

  test('a choice of required fields is one problem naming both', () => {
    const problems = validateMapping('customer_list', { customer_id: 'a', mrr: 'b' }, ['a', 'b']);
    assert.deepEqual(problems.map((p) => [p.code, p.alternatives]), [['missing_required', ['start_date', 'tenure_months']]]);
    assert.match(problems[0]!.message, /start_date or tenure_months/);
  });

  test('an unknown kind', () => {
    const [problem] = validateMapping('subscription', {});
    assert.equal(problem?.code, 'unknown_kind');
    assert.match(problem!.message, /did you mean "subscriptions"/);
  });
});

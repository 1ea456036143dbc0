// Whether a file's amount includes its tax, decided from the file
// (main/ingest/mapping/tax.ts): values first, then the header's words, then
// the export preset, else assumed and said so.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { headerTaxWords, suggestMapping, type ColumnInput } from '../../main/ingest/mapping/index.js';

const columns = (spec: Record<string, (string | null)[]>): ColumnInput[] =>
  Object.entries(spec).map(([name, samples]) => ({ name, type: 'VARCHAR', samples }));

describe('header words', () => {
  test('excluding words win over the including ones they contain', () => {
    for (const header of ['amount_excl_tax', 'Amount excluding tax', 'AmountExclTax', 'Subtotal', 'net amount', 'Net', 'price before tax', 'pre-tax amount', '不含税金额', '金额（不含稅）', '税前金额', 'Total excl. VAT']) {
      assert.equal(headerTaxWords(header), 'excludes', header);
    }
    for (const header of ['Total', 'total', 'Gross amount', 'Amount incl. VAT', 'Amount (including tax)', '含税金额', '价税合计', 'Amount Due', 'grand_total']) {
      assert.equal(headerTaxWords(header), 'includes', header);
    }
    for (const header of ['amount', 'Amount', 'price', '金额', 'network fee', 'subtotals?']) {
      assert.notEqual(headerTaxWords(header), 'excludes', `${header}: "net" and "subtotal" only as whole words`);
    }
    assert.equal(headerTaxWords('amount'), null);
  });
});

describe('the decision for a mapped amount and tax', () => {
  const invoiceColumns = columns({
    customer_id: ['A', 'B', 'C', 'D'],
    invoice_date: ['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04'],
    amount_excl_tax: ['2000.00', '100.00', '50.00', '10.00'],
    tax: ['400.00', '20.00', '0.00', '2.00'],
    total: ['2400.00', '120.00', '50.00', '12.00'],
  });

  test('amount + tax = total on every row: the amount excludes tax (the values agree with the header)', () => {
    const s = suggestMapping(invoiceColumns, { kind: 'invoices' });
    assert.equal(s.fields.amount, 'amount_excl_tax');
    assert.equal(s.fields.tax, 'tax');
    assert.deepEqual(s.tax, {
      amountColumn: 'amount_excl_tax',
      taxColumn: 'tax',
      amountIncludesTax: false,
      source: 'data',
      evidence: { column: 'total', rows: 3, of: 3 },
      reason: '"amount_excl_tax" + "tax" = "total" on 3 of 3 sampled rows with tax.',
    });
  });

  test('the total mapped as the amount: the other column + tax = amount, so the amount includes tax', () => {
    const renamed = invoiceColumns.map((c) => (c.name === 'amount_excl_tax' ? { ...c, name: 'net' } : c));
    const s = suggestMapping(renamed, { kind: 'invoices' });
    assert.equal(s.fields.amount, 'total');
    assert.equal(s.tax?.amountIncludesTax, true);
    assert.equal(s.tax?.source, 'data');
    assert.equal(s.tax?.reason, '"net" + "tax" = "total" on 3 of 3 sampled rows with tax.');
  });

  test('values decide against a misleading header', () => {
    const s = suggestMapping(
      columns({ customer_id: ['A', 'B'], date: ['2024-01-01', '2024-01-02'], 'Total': ['100', '10'], tax: ['20', '2'], 'Grand Total': ['120', '12'] }),
      { kind: 'invoices' },
    );
    assert.equal(s.fields.amount, 'Total');
    assert.equal(s.tax?.amountIncludesTax, false);
    assert.match(s.tax!.reason, /"Total" \+ "tax" = "Grand Total" on 2 of 2 .*values decide/);
  });

  test('a discount on some rows is not "nearly every row": the header decides', () => {
    const amounts = Array.from({ length: 20 }, () => '100.00');
    const taxes = Array.from({ length: 20 }, () => '20.00');
    const totals = Array.from({ length: 20 }, (_, i) => (i < 3 ? '110.00' : '120.00'));
    const s = suggestMapping(
      columns({ customer_id: amounts.map((_, i) => `C${i}`), date: amounts.map(() => '2024-01-01'), Subtotal: amounts, Tax: taxes, Total: totals }),
      { kind: 'invoices' },
    );
    assert.equal(s.fields.amount, 'Subtotal');
    assert.deepEqual([s.tax?.amountIncludesTax, s.tax?.source], [false, 'header']);
  });

  test('nothing says: assumed to include, and the decision says how to say otherwise', () => {
    const s = suggestMapping(columns({ customer_id: ['A'], date: ['2024-01-01'], amount: ['120'], tax: ['20'] }), { kind: 'invoices' });
    assert.equal(s.tax?.amountIncludesTax, true);
    assert.equal(s.tax?.source, 'assumed');
    assert.match(s.tax!.reason, /--amount-tax excluded/);
  });

  test('no tax column mapped: no decision', () => {
    const s = suggestMapping(columns({ customer_id: ['A'], date: ['2024-01-01'], amount: ['120'] }), { kind: 'invoices' });
    assert.equal(s.tax, null);
  });

  test('rows whose tax is zero say nothing', () => {
    const s = suggestMapping(
      columns({ customer_id: ['A', 'B'], date: ['2024-01-01', '2024-01-01'], amount: ['1000', '500'], tax: ['0', '0'], total: ['1000', '500'] }),
      { kind: 'invoices' },
    );
    assert.equal(s.tax?.source, 'assumed', 'tax of zero on every row: amount = total tells nothing');
  });

  test('Chinese headers', () => {
    const s = suggestMapping(
      columns({ 客户ID: ['A', 'B'], 发票日期: ['2024-01-01', '2024-02-01'], 不含税金额: ['1,000.00', '200.00'], 税额: ['130.00', '26.00'], 价税合计: ['1,130.00', '226.00'] }),
      { kind: 'invoices' },
    );
    assert.equal(s.fields.amount, '不含税金额');
    assert.equal(s.fields.tax, '税额');
    assert.deepEqual([s.tax?.amountIncludesTax, s.tax?.source], [false, 'data']);
  });
});

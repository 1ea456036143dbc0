// The reference presets (main/reconcile/presets.ts): each one recognises its
// own fixture (test/fixtures/reconcile/, written from the vendors' documented
// formats) and no other, maps its fields onto columns the file has, reads the
// vendors' movement labels; and the billing exports the import reads are not
// taken for references. The fixtures tell one story (three customers, Sep–Nov
// 2024), so they are checked against each other too: a fixture that drifts
// from the others fails here, not in a reconciliation test.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReferenceField } from '../../shared/reconcile.js';
import { REFERENCE_PRESETS, detectReferencePreset, referenceMovement, referencePresetById, referencePresetFields, type VendorReferencePreset } from '../../main/reconcile/presets.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const REFERENCES = path.join(FIXTURES, 'reconcile');

/** Header and rows of a fixture (none has quoted fields). */
function read(file: string): { header: string[]; rows: Record<string, string>[] } {
  const [head, ...lines] = fs.readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const header = head!.split(',');
  return { header, rows: lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [header[i]!, v]))) };
}

const EXPECTED: Record<string, string> = {
  'chartmogul-activities.csv': 'chartmogul_activities',
  'chartmogul-mrr-movements.csv': 'chartmogul_mrr_movements',
  'chartmogul-customers.csv': 'chartmogul_customers',
  'chartmogul-mrr.csv': 'chartmogul_mrr_totals',
  'stripe-MRR_per_Subscriber__monthly.csv': 'stripe_mrr_per_subscriber',
  'stripe-mrr-roll-forward.csv': 'stripe_mrr_roll_forward',
  'baremetrics-customers.csv': 'baremetrics_customers',
  'profitwell-activity.csv': 'profitwell_activity',
};

/** Files in our own generic layouts (main/reconcile/suggest.ts): no vendor preset takes them. */
const GENERIC = ['generic-customer-month.csv', 'generic-month-totals.csv'];

/** The fields a preset maps to columns, by how its rows are laid out; the ones its reading gives (reshape.ts) are not columns of the file. */
function needed(preset: VendorReferencePreset): { mapped: ReferenceField[]; unmapped: ReferenceField[] } {
  if (preset.layout === 'monthly') return { mapped: ['month', 'mrr'], unmapped: [] };
  switch (preset.reading) {
    case 'movements':
      // mrr: the movement's change, summed month by month.
      return { mapped: ['customer_id', 'month', 'mrr', 'movement'], unmapped: [] };
    case 'wide_months':
      return { mapped: ['customer_id'], unmapped: ['month', 'mrr'] };
    case 'snapshot':
      return { mapped: ['customer_id', 'mrr'], unmapped: ['month'] };
    default:
      return { mapped: ['customer_id', 'month', 'mrr'], unmapped: [] };
  }
}

describe('reference presets', () => {
  test('every fixture is recognised as its own preset, and every preset has a fixture', () => {
    assert.deepEqual(fs.readdirSync(REFERENCES).filter((f) => f.endsWith('.csv')).sort(), [...Object.keys(EXPECTED), ...GENERIC].sort());
    assert.deepEqual([...new Set(Object.values(EXPECTED))].sort(), REFERENCE_PRESETS.map((p) => p.id).sort());
    for (const [file, id] of Object.entries(EXPECTED)) {
      const { header } = read(path.join(REFERENCES, file));
      assert.equal(detectReferencePreset(header)?.preset.id, id, file);
    }
    for (const file of GENERIC) assert.equal(detectReferencePreset(read(path.join(REFERENCES, file)).header), null, file);
  });

  test('headers are compared as the import compares them: case, spaces and separators do not matter', () => {
    const { header } = read(path.join(REFERENCES, 'chartmogul-activities.csv'));
    const shouted = header.map((h) => h.toUpperCase().replace(/-/g, '_'));
    assert.equal(detectReferencePreset(shouted)?.preset.id, 'chartmogul_activities');
    assert.equal(referencePresetFields(referencePresetById('chartmogul_activities')!, shouted).customer_id, 'CUSTOMER_EXTERNAL_ID');
  });

  test('each preset maps the fields its rows give onto columns its fixture has, and leaves out the ones they cannot give as they are', () => {
    for (const [file, id] of Object.entries(EXPECTED)) {
      const preset = referencePresetById(id)!;
      const { header } = read(path.join(REFERENCES, file));
      const fields = referencePresetFields(preset, header);
      const { mapped, unmapped } = needed(preset);
      for (const field of mapped) assert.ok(fields[field] && header.includes(fields[field]), `${id}: ${field}`);
      for (const field of unmapped) assert.equal(fields[field], undefined, `${id}: ${field} is given by the reading, not a column`);
      // A column answers one field only.
      const used = Object.values(fields);
      assert.equal(new Set(used).size, used.length, id);
      if (preset.reading === 'wide_months') {
        assert.deepEqual(header.filter((h) => preset.monthColumns!.test(h)), ['2024-09', '2024-10', '2024-11']);
      }
    }
  });

  test('every mapped field and the file itself say where their names come from; unconfirmed ones are said to be', () => {
    for (const preset of REFERENCE_PRESETS) {
      assert.ok((preset.notes ?? []).length > 0, preset.id);
      assert.ok(preset.sources.file, `${preset.id}: the file's source`);
      for (const field of Object.keys(preset.columns) as ReferenceField[]) {
        const source = preset.sources[field];
        assert.ok(source && /^https:\/\//.test(source.url) && source.note, `${preset.id}: ${field}`);
      }
      // A preset relying on names nobody has seen in a file says so in its notes.
      const unconfirmed = (Object.keys(preset.sources) as (keyof typeof preset.sources)[]).filter((k) => preset.sources[k]?.confirmed === false);
      if (unconfirmed.length > 0) assert.ok(preset.notes!.some((n) => /not confirmed/i.test(n)), `${preset.id}: ${unconfirmed.join(', ')}`);
      assert.ok(preset.requires.length > 0, preset.id);
    }
  });

  test('billing exports and plain files are not references', () => {
    for (const folder of ['stripe', 'vendors']) {
      for (const file of fs.readdirSync(path.join(FIXTURES, folder))) {
        const { header } = read(path.join(FIXTURES, folder, file));
        assert.equal(detectReferencePreset(header.map((h) => h.replace(/^"|"$/g, ''))), null, `${folder}/${file}`);
      }
    }
    assert.equal(detectReferencePreset(['customer_id', 'plan', 'amount', 'start_date']), null);
    assert.equal(detectReferencePreset(['id', 'name']), null);
  });

  test('movement labels: ChartMogul\'s five types and ProfitWell\'s activity labels', () => {
    const chartmogul = referencePresetById('chartmogul_activities')!;
    assert.equal(referenceMovement(chartmogul, 'new_biz'), 'new');
    assert.equal(referenceMovement(chartmogul, ' Reactivation '), 'reactivation');
    assert.equal(referenceMovement(chartmogul, 'refund'), undefined);
    const profitwell = referencePresetById('profitwell_activity')!;
    assert.equal(referenceMovement(profitwell, 'churn_delinquent'), 'churn');
    assert.equal(referenceMovement(profitwell, 'upgrade'), 'expansion');
    assert.equal(referenceMovement(profitwell, 'downgrade'), 'contraction');
    assert.equal(referenceMovement(profitwell, 'cancelled'), null);
    assert.equal(referenceMovement(profitwell, 'increase'), null);
  });

  test('amounts in cents where the vendor documents cents, in the major unit elsewhere', () => {
    const unit = (id: string) => referencePresetById(id)!.amountUnit;
    assert.deepEqual(
      ['chartmogul_activities', 'chartmogul_mrr_movements', 'chartmogul_customers', 'chartmogul_mrr_totals', 'baremetrics_customers'].map(unit),
      ['cents', 'cents', 'cents', 'cents', 'cents'],
    );
    assert.deepEqual(['stripe_mrr_per_subscriber', 'stripe_mrr_roll_forward', 'profitwell_activity'].map(unit), ['major', 'major', 'major']);
  });
});

describe('the reference fixtures tell one story', () => {
  // Per customer and month, in the major unit, read from the Stripe wide file.
  const truth = new Map<string, number>();
  const stripe = read(path.join(REFERENCES, 'stripe-MRR_per_Subscriber__monthly.csv'));
  for (const row of stripe.rows) for (const month of ['2024-09', '2024-10', '2024-11']) truth.set(`${row['Customer ID']}|${month}`, Number(row[month] || 0));
  const monthTotal = (month: string) => [...truth].filter(([key]) => key.endsWith(month)).reduce((sum, [, v]) => sum + v, 0);

  test('the generic customer-month file lists the same MRR (a missing row is no MRR)', () => {
    const generic = read(path.join(REFERENCES, 'generic-customer-month.csv'));
    const listed = new Map(generic.rows.map((r) => [`${r.customer_id}|${r.month}`, Number(r.mrr)]));
    for (const [key, mrr] of truth) assert.equal(listed.get(key) ?? 0, mrr, key);
  });

  test('ChartMogul movements summed per customer give the same MRR month by month', () => {
    for (const file of ['chartmogul-activities.csv', 'chartmogul-mrr-movements.csv']) {
      const { rows } = read(path.join(REFERENCES, file));
      const amount = file.includes('activities') ? 'activity-mrr-movement' : 'MRR_MOVEMENT';
      const date = file.includes('activities') ? 'date' : 'DATE';
      const id = file.includes('activities') ? 'customer-external-id' : 'CUSTOMER_EXTERNAL_ID';
      for (const [key, mrr] of truth) {
        const [customer, month] = key.split('|') as [string, string];
        const upTo = rows.filter((r) => r[id] === customer && r[date]!.slice(0, 7) <= month).reduce((s, r) => s + Number(r[amount]) / 100, 0);
        assert.equal(upTo, mrr, `${file} ${key}`);
      }
    }
  });

  test('month totals (ChartMogul, Stripe roll-forward, generic) agree with the customers', () => {
    const cm = read(path.join(REFERENCES, 'chartmogul-mrr.csv')).rows;
    const roll = read(path.join(REFERENCES, 'stripe-mrr-roll-forward.csv')).rows;
    const generic = read(path.join(REFERENCES, 'generic-month-totals.csv')).rows;
    for (const month of ['2024-09', '2024-10', '2024-11']) {
      const total = monthTotal(month);
      assert.equal(Number(cm.find((r) => r.date!.startsWith(month))!.mrr) / 100, total, `chartmogul ${month}`);
      assert.equal(Number(roll.find((r) => r.Month === month)!['Ending MRR']), total, `stripe ${month}`);
      assert.equal(Number(generic.find((r) => r.month === month)!.mrr), total, `generic ${month}`);
      const r = roll.find((x) => x.Month === month)!;
      const moved = ['New MRR', 'Reactivation MRR', 'Expansion MRR', 'Contraction MRR', 'Churned MRR', 'FX impact'].reduce((s, k) => s + Number(r[k]), 0);
      assert.equal(Number(r['Starting MRR']) + moved, total, `roll-forward ${month}`);
    }
  });

  test('the snapshots (ChartMogul customers, Baremetrics) are November', () => {
    const cm = read(path.join(REFERENCES, 'chartmogul-customers.csv')).rows;
    const bm = read(path.join(REFERENCES, 'baremetrics-customers.csv')).rows;
    for (const row of cm) assert.equal(Number(row.MRR) / 100, truth.get(`${row.EXTERNAL_ID}|2024-11`), row.EXTERNAL_ID);
    for (const row of bm) assert.equal(Number(row.current_mrr) / 100, truth.get(`${row.oid}|2024-11`), row.oid);
  });
});

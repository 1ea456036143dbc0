// The console editor's completion sources (the workspace's tables and columns
// as CodeMirror's SQL namespace; DuckDB's sql_auto_complete answers as a
// completion result at the right place in the editor), and a result chart's
// first picks from the column types.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EditorState } from '@codemirror/state';
import { CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { schemaCompletionSource, sql } from '@codemirror/lang-sql';
import { DuckDB, engineCompletionResult, schemaNamespace } from '../../renderer/views/console/completion.js';
import type { SchemaTable } from '../../shared/console.js';
import { defaultChart } from '../../renderer/views/console/chartDefaults.js';

const TABLES: SchemaTable[] = [
  { schema: 'churn', name: 'customers', kind: 'table', columns: [{ name: 'customer_id', type: 'VARCHAR' }, { name: 'employees', type: 'INTEGER' }] },
  { schema: 'churn', name: 'customer_month', kind: 'table', columns: [{ name: 'mrr', type: 'DECIMAL(18,6)' }] },
  { schema: 'main', name: 'plans', kind: 'table', columns: [{ name: 'plan', type: 'VARCHAR' }] },
  { schema: 'mine', name: 'top', kind: 'view', columns: [{ name: 'n', type: 'BIGINT' }] },
];

async function complete(doc: string): Promise<string[]> {
  const state = EditorState.create({ doc, extensions: [sql({ dialect: DuckDB })] });
  const source = schemaCompletionSource({ dialect: DuckDB, schema: schemaNamespace(TABLES), defaultSchema: 'main' });
  const result = (await source(new CompletionContext(state, doc.length, true))) as CompletionResult | null;
  return (result?.options ?? []).map((o) => o.label).sort();
}

test('schema completions: tables of a schema after "schema.", columns after "table."', async () => {
  assert.deepEqual(await complete('SELECT * FROM churn.'), ['customer_month', 'customers']);
  assert.deepEqual(await complete('SELECT churn.customers.'), ['customer_id', 'employees']);
  assert.deepEqual(await complete('SELECT * FROM mine.'), ['top']);
  const top = await complete('SELECT * FROM ');
  for (const name of ['churn', 'mine', 'plans']) assert.ok(top.includes(name), `${name} in ${top.join(', ')}`);
});

test('schema completions carry the column types and table kinds', () => {
  const namespace = schemaNamespace(TABLES) as unknown as Record<string, Record<string, { self: { type: string }; children: { label: string; detail: string }[] }>>;
  assert.deepEqual(namespace.churn!.customers!.children.map((c) => [c.label, c.detail]), [['customer_id', 'VARCHAR'], ['employees', 'INTEGER']]);
  assert.equal(namespace.mine!.top!.self.type, 'type');
  assert.equal(namespace.churn!.customers!.self.type, 'class');
});

test("DuckDB's suggestions start where DuckDB says, shifted to the editor's offset", () => {
  const result = engineCompletionResult(
    [
      { text: 'count', start: 7, kind: 'scalar_function' },
      { text: 'count_if', start: 7, kind: 'scalar_function' },
      { text: 'FROM', start: 7, kind: 'keyword' },
    ],
    100,
  )!;
  assert.equal(result.from, 107);
  assert.deepEqual(result.options.map((o) => [o.label, o.type]), [['count', 'function'], ['count_if', 'function'], ['FROM', 'keyword']]);
  assert.ok((result.options[0]!.boost ?? 0) > (result.options[1]!.boost ?? 0));
  assert.equal(engineCompletionResult([], 0), null);
});

test('a chart of a result starts from its column types: dates make a line, categories bars, numbers a scatter', () => {
  const col = (name: string, type: string) => ({ name, type });
  assert.deepEqual(defaultChart([col('plan', 'VARCHAR'), col('month', 'DATE'), col('mrr', 'DECIMAL(18,2)')]), { kind: 'line', x: 'month', y: 'mrr', series: null });
  assert.deepEqual(defaultChart([col('n', 'BIGINT'), col('plan', 'VARCHAR'), col('customers', 'BIGINT')]), { kind: 'bar', x: 'plan', y: 'n', series: null });
  assert.deepEqual(defaultChart([col('x', 'DOUBLE'), col('y', 'DOUBLE')]), { kind: 'scatter', x: 'x', y: 'y', series: null });
  assert.equal(defaultChart([]), null);
});

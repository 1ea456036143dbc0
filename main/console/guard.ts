// What console SQL may do (docs/CONSOLE.md, "The guard"). The console reads
// anything in the workspace, and writes only to schemas of the user's own: the
// churn model, its audit, the imported tables and the app's bookkeeping are
// never changed or dropped from it. It reads no files (no read_csv, no
// FROM 'file.csv'), writes none (COPY, EXPORT), attaches no databases and loads
// no extensions: in browser mode the host lets the app read only the files the
// user picked, and the app is offline.
//
// Two passes. Before anything runs, every statement is checked on its parse:
// queries on DuckDB's own parse tree (json_serialize_sql), other statements on
// their tokens (kind and target; any table function or file named anywhere in
// them). Just before a statement runs, DuckDB prepares it and its statement
// type must be the kind the first pass allowed.
import { StatementType, type DuckDBConnection } from '@duckdb/node-api';
import { EngineError } from '../../shared/result.js';
import { splitStatements, type Statement, type Token } from '../../shared/sqlText.js';
import { bounded, parseErrorPosition } from './errors.js';

/** Schemas the app owns (and `main`, where imported files live): read-only to the console. */
export const APP_SCHEMAS = ['main', 'churn', 'cw_meta', 'cw_console', 'information_schema', 'pg_catalog'];
/** Any schema starting like this is the app's too, now or later. */
const APP_SCHEMA_PREFIX = 'cw_';

/** Table functions that read no files and change nothing: the only ones console SQL may call. */
export const ALLOWED_TABLE_FUNCTIONS = new Set([
  'range',
  'generate_series',
  'unnest',
  'repeat',
  'repeat_row',
  'sql_auto_complete',
  'duckdb_columns',
  'duckdb_constraints',
  'duckdb_databases',
  'duckdb_dependencies',
  'duckdb_functions',
  'duckdb_indexes',
  'duckdb_keywords',
  'duckdb_schemas',
  'duckdb_sequences',
  'duckdb_settings',
  'duckdb_tables',
  'duckdb_types',
  'duckdb_views',
  'pragma_table_info',
  'pragma_show',
  'pragma_storage_info',
  'pragma_database_size',
  'test_all_types',
]);

/** Scalar functions that change the workspace (sequences). */
const WRITING_FUNCTIONS = new Set(['nextval', 'setval']);

/** A name DuckDB would take as a file to read (a replacement scan: 'x.csv', 's3://…', '/etc/passwd'). */
const looksLikeFile = (name: string) => /[./\\:]/.test(name);

export type StatementPlan =
  | { kind: 'query'; statement: Statement }
  /** EXPLAIN [ANALYZE] of a query: its plan is the result (it cannot be wrapped in CREATE TABLE AS). */
  | { kind: 'explain'; statement: Statement }
  | { kind: 'write'; statement: Statement; expected: StatementType; what: string };

export interface GuardContext {
  /** Names of every table function DuckDB knows (lower case). */
  tableFunctions: Set<string>;
  /** Names of the attached databases (lower case) and which one is the workspace. */
  catalogs: Set<string>;
  workspaceCatalog: string;
}

export async function guardContext(connection: DuckDBConnection): Promise<GuardContext> {
  const functions = (
    await connection.runAndReadAll(
      `SELECT DISTINCT lower(function_name) AS name FROM duckdb_functions() WHERE function_type IN ('table', 'table_macro')`,
    )
  ).getRowObjectsJS();
  const catalogs = (await connection.runAndReadAll(`SELECT lower(database_name) AS name FROM duckdb_databases()`)).getRowObjectsJS();
  const [current] = (await connection.runAndReadAll(`SELECT lower(current_database()) AS name`)).getRowObjectsJS();
  return {
    tableFunctions: new Set(functions.map((row) => String(row.name))),
    catalogs: new Set(catalogs.map((row) => String(row.name))),
    workspaceCatalog: String(current?.name ?? ''),
  };
}

function refuse(message: string, statement?: Statement, userSql?: string, at?: Token): never {
  const position = statement && userSql !== undefined ? parseErrorPosition(userSql, at?.start ?? statement.start, 0) : undefined;
  throw new EngineError('refused', bounded(message), position ? { position } : undefined);
}

const OWN_SCHEMA_HINT = 'Create your own tables in a schema of your own, e.g. CREATE SCHEMA IF NOT EXISTS mine; CREATE TABLE mine.t AS SELECT …';

const REFUSED_KINDS: Record<string, string> = {
  copy: 'COPY reads or writes files, which the console does not do: export a result with Export instead.',
  export: 'EXPORT DATABASE writes files, which the console does not do: export a result with Export instead.',
  import: 'IMPORT DATABASE reads files, which the console does not do: import files with Open files instead.',
  attach: 'ATTACH opens other databases, which the console does not do.',
  detach: 'DETACH closes databases, which the console does not do.',
  use: 'USE changes the default schema, which the console does not do: name schemas in full instead.',
  install: 'Extensions cannot be installed from the console: the workbench is offline and uses only built-in extensions.',
  force: 'Extensions cannot be installed from the console: the workbench is offline and uses only built-in extensions.',
  load: 'Extensions cannot be loaded from the console: the workbench uses only its built-in extensions.',
  set: 'Settings cannot be changed from the console.',
  reset: 'Settings cannot be changed from the console.',
  pragma: 'PRAGMA statements cannot run in the console.',
  call: 'CALL cannot run in the console: query a table function with SELECT * FROM … instead.',
  begin: 'Transactions are not available in the console: each statement commits on its own.',
  start: 'Transactions are not available in the console: each statement commits on its own.',
  commit: 'Transactions are not available in the console: each statement commits on its own.',
  rollback: 'Transactions are not available in the console: each statement commits on its own.',
  abort: 'Transactions are not available in the console: each statement commits on its own.',
  end: 'Transactions are not available in the console: each statement commits on its own.',
  checkpoint: 'CHECKPOINT cannot run in the console.',
  vacuum: 'VACUUM cannot run in the console.',
  analyze: 'ANALYZE cannot run in the console.',
  prepare: 'Prepared statements are not available in the console.',
  execute: 'Prepared statements are not available in the console.',
  deallocate: 'Prepared statements are not available in the console.',
  merge: 'MERGE cannot run in the console: use INSERT, UPDATE or DELETE on a table of your own schema.',
  comment: 'COMMENT ON cannot run in the console.',
  update_extensions: 'Extensions cannot be updated from the console: the workbench is offline.',
};

const QUERY_STARTS = new Set(['select', 'with', 'values', 'from', 'table', 'describe', 'desc', 'show', 'summarize', 'pivot', 'unpivot']);

/** The JSON parse tree of a query, or a refusal/parse error naming where. */
async function parseQuery(connection: DuckDBConnection, text: string, where: { userSql: string; start: number }): Promise<unknown> {
  const reader = await connection.runAndReadAll(`SELECT json_serialize_sql(?::VARCHAR) AS tree`, [text]);
  const tree = JSON.parse(String(reader.getRowObjectsJS()[0]?.tree)) as {
    error: boolean;
    error_type?: string;
    error_message?: string;
    position?: string;
    statements?: unknown[];
  };
  if (!tree.error) return tree.statements;
  if (tree.error_type === 'parser') {
    const offset = Number(tree.position ?? 0);
    throw new EngineError('query_failed', bounded(`Parser Error: ${tree.error_message ?? 'syntax error'}`), {
      position: parseErrorPosition(where.userSql, where.start, Number.isFinite(offset) ? offset : 0),
    });
  }
  refuse(
    'Only queries (SELECT, WITH, FROM, VALUES, DESCRIBE, SUMMARIZE, SHOW) run as they are; a PIVOT statement runs inside one, e.g. SELECT * FROM (PIVOT …).',
  );
}

/** Every node of a parse tree, depth first. */
function* nodes(tree: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(tree)) {
    for (const item of tree) yield* nodes(item);
  } else if (tree && typeof tree === 'object') {
    yield tree as Record<string, unknown>;
    for (const value of Object.values(tree)) yield* nodes(value);
  }
}

/** Refuses a query's parse tree that reads a file, calls a table function other than the safe ones, or writes. */
export function checkQueryTree(tree: unknown): void {
  for (const node of nodes(tree)) {
    if (node.type === 'TABLE_FUNCTION') {
      const name = String((node.function as Record<string, unknown> | undefined)?.function_name ?? '').toLowerCase();
      if (!ALLOWED_TABLE_FUNCTIONS.has(name)) {
        refuse(`The console cannot call the table function ${name}(): it reads files or changes the workspace. Query the workspace's tables instead; import files with Open files.`);
      }
    }
    if (node.class === 'FUNCTION' && WRITING_FUNCTIONS.has(String(node.function_name).toLowerCase())) {
      refuse(`The console cannot call ${String(node.function_name)}(): it changes a sequence of the workspace.`);
    }
    if (typeof node.table_name === 'string' && looksLikeFile(node.table_name)) {
      refuse(`The console reads tables, not files: ${JSON.stringify(node.table_name)} names a file. Import it with Open files, then query its table.`);
    }
  }
}

/** Token-level check of a non-query: no table function but the safe ones, no file named after FROM/JOIN. */
function checkTokens(statement: Statement, context: GuardContext, userSql: string): void {
  const { tokens } = statement;
  tokens.forEach((token, index) => {
    const next = tokens[index + 1];
    if (token.kind === 'word' && next?.text === '(') {
      if (context.tableFunctions.has(token.value) && !ALLOWED_TABLE_FUNCTIONS.has(token.value)) {
        refuse(`The console cannot call the table function ${token.value}(): it reads files or changes the workspace.`, statement, userSql, token);
      }
      if (WRITING_FUNCTIONS.has(token.value)) refuse(`The console cannot call ${token.value}(): it changes a sequence of the workspace.`, statement, userSql, token);
    }
    const previous = tokens[index - 1];
    if ((token.kind === 'string' || token.kind === 'identifier') && previous?.kind === 'word' && ['from', 'join', 'using'].includes(previous.value) && looksLikeFile(token.value)) {
      refuse(`The console reads tables, not files: ${token.text} names a file.`, statement, userSql, token);
    }
  });
}

interface Cursor {
  tokens: Token[];
  at: number;
}

const peek = (cursor: Cursor, ahead = 0) => cursor.tokens[cursor.at + ahead];
const isWord = (token: Token | undefined, ...words: string[]) => token?.kind === 'word' && words.includes(token.value);

function skipWords(cursor: Cursor, ...words: string[]): boolean {
  if (!words.every((word, i) => isWord(peek(cursor, i), word))) return false;
  cursor.at += words.length;
  return true;
}

/** A dotted name at the cursor: its parts, unquoted (words lower case, as DuckDB folds them). */
function qualifiedName(cursor: Cursor): { parts: string[]; first: Token } | null {
  const first = peek(cursor);
  const parts: string[] = [];
  for (;;) {
    const token = peek(cursor);
    if (!token || (token.kind !== 'word' && token.kind !== 'identifier')) return null;
    parts.push(token.kind === 'word' ? token.value : token.value.toLowerCase());
    cursor.at += 1;
    if (peek(cursor)?.text !== '.') break;
    cursor.at += 1;
  }
  return first ? { parts, first } : null;
}

function isOwnSchema(schema: string): boolean {
  return !APP_SCHEMAS.includes(schema) && !schema.startsWith(APP_SCHEMA_PREFIX);
}

/** Refuses a write whose target is not in a schema of the user's own. */
function checkTarget(
  name: { parts: string[]; first: Token },
  isSchema: boolean,
  context: GuardContext,
  statement: Statement,
  userSql: string,
): void {
  const parts = [...name.parts];
  const shown = name.parts.join('.');
  const wanted = isSchema ? 2 : 3;
  if (parts.length > wanted) refuse(`${shown} has too many parts.`, statement, userSql, name.first);
  if (parts.length === wanted) {
    const catalog = parts.shift()!;
    if (catalog !== context.workspaceCatalog) {
      refuse(`The console writes only to the workspace, not to ${catalog}. ${OWN_SCHEMA_HINT}`, statement, userSql, name.first);
    }
  } else if (!isSchema && parts.length === 1) {
    refuse(`${shown} would be written to the main schema, where imported files live. ${OWN_SCHEMA_HINT}`, statement, userSql, name.first);
  } else if (!isSchema && context.catalogs.has(parts[0]!)) {
    // DuckDB may read `db.table` as a catalog and its main schema: too easy to misread.
    refuse(`${shown}: ${parts[0]} is the name of a database; name the schema in full. ${OWN_SCHEMA_HINT}`, statement, userSql, name.first);
  }
  const schema = parts[0]!;
  if (!isOwnSchema(schema)) {
    const whose = schema === 'main' ? 'the imported tables' : schema === 'churn' ? 'the churn model and its audit' : 'the app';
    refuse(`The console cannot change the ${schema} schema: it holds ${whose}. ${OWN_SCHEMA_HINT}`, statement, userSql, name.first);
  }
}

/** The query a CREATE … AS / INSERT carries: the tokens from `from` to the end. */
function tail(statement: Statement, from: Token | undefined): { text: string; start: number } | null {
  if (!from) return null;
  return { text: statement.text.slice(from.start - statement.start), start: from.start };
}

/** Skips a parenthesised list (column definitions or names) at the cursor. */
function skipParens(cursor: Cursor): void {
  if (peek(cursor)?.text !== '(') return;
  let depth = 0;
  while (peek(cursor)) {
    const text = peek(cursor)!.text;
    cursor.at += 1;
    if (text === '(') depth += 1;
    if (text === ')' && --depth === 0) return;
  }
}

async function planWrite(
  connection: DuckDBConnection,
  statement: Statement,
  context: GuardContext,
  userSql: string,
): Promise<StatementPlan> {
  checkTokens(statement, context, userSql);
  const cursor: Cursor = { tokens: statement.tokens, at: 1 };
  const verb = statement.tokens[0]!.value;
  const plan = (expected: StatementType, what: string): StatementPlan => ({ kind: 'write', statement, expected, what });
  let embedded: { text: string; start: number } | null = null;
  let result: StatementPlan;

  if (verb === 'create') {
    skipWords(cursor, 'or', 'replace');
    if (isWord(peek(cursor), 'temp', 'temporary')) {
      refuse(`A temporary table ends with the run that made it. ${OWN_SCHEMA_HINT}`, statement, userSql);
    }
    const object = peek(cursor);
    if (!isWord(object, 'table', 'view', 'schema')) {
      refuse('The console creates schemas, tables and views only (in a schema of your own).', statement, userSql, object);
    }
    cursor.at += 1;
    skipWords(cursor, 'if', 'not', 'exists');
    const name = qualifiedName(cursor);
    if (!name) refuse(`CREATE ${object!.value.toUpperCase()} needs a name.`, statement, userSql);
    checkTarget(name, object!.value === 'schema', context, statement, userSql);
    if (object!.value !== 'schema') {
      skipParens(cursor);
      if (isWord(peek(cursor), 'as')) embedded = tail(statement, peek(cursor, 1));
    }
    result = plan(StatementType.CREATE, `CREATE ${object!.value.toUpperCase()}`);
  } else if (verb === 'drop' || verb === 'alter') {
    const object = peek(cursor);
    const allowed = verb === 'drop' ? ['table', 'view', 'schema'] : ['table', 'view'];
    if (!isWord(object, ...allowed)) {
      refuse(`The console can ${verb} ${allowed.join(', ')} only (in a schema of your own).`, statement, userSql, object);
    }
    cursor.at += 1;
    skipWords(cursor, 'if', 'exists');
    const name = qualifiedName(cursor);
    if (!name) refuse(`${verb.toUpperCase()} ${object!.value.toUpperCase()} needs a name.`, statement, userSql);
    checkTarget(name, object!.value === 'schema', context, statement, userSql);
    result = plan(verb === 'drop' ? StatementType.DROP : StatementType.ALTER, `${verb.toUpperCase()} ${object!.value.toUpperCase()}`);
  } else if (verb === 'insert') {
    if (skipWords(cursor, 'or')) cursor.at += 1;
    if (!skipWords(cursor, 'into')) refuse('INSERT needs INTO and a table.', statement, userSql);
    const name = qualifiedName(cursor);
    if (!name) refuse('INSERT INTO needs a table.', statement, userSql);
    checkTarget(name, false, context, statement, userSql);
    if (isWord(peek(cursor), 'as')) cursor.at += 2;
    skipParens(cursor);
    if (isWord(peek(cursor), 'by')) cursor.at += 2;
    const source = peek(cursor);
    if (source && (QUERY_STARTS.has(source.value) || source.text === '(') && source.kind !== 'string') embedded = tail(statement, source);
    result = plan(StatementType.INSERT, 'INSERT');
  } else if (verb === 'delete' || verb === 'update') {
    if (verb === 'delete' && !skipWords(cursor, 'from')) refuse('DELETE needs FROM and a table.', statement, userSql);
    const name = qualifiedName(cursor);
    if (!name) refuse(`${verb.toUpperCase()} needs a table.`, statement, userSql);
    checkTarget(name, false, context, statement, userSql);
    result = plan(verb === 'delete' ? StatementType.DELETE : StatementType.UPDATE, verb.toUpperCase());
  } else {
    refuse(
      REFUSED_KINDS[verb] ??
        `${verb.toUpperCase()} cannot run in the console: it runs queries, and CREATE, INSERT, UPDATE, DELETE, ALTER and DROP in a schema of your own.`,
      statement,
      userSql,
    );
  }
  if (embedded) checkQueryTree(await parseQuery(connection, embedded.text, { userSql, start: embedded.start }));
  return result;
}

/**
 * The first pass over everything to run: each statement either allowed (as a
 * query or a write of the user's own) or the whole run refused before
 * anything runs. Parse errors come back with their position.
 */
export async function planStatements(connection: DuckDBConnection, userSql: string): Promise<StatementPlan[]> {
  const statements = splitStatements(userSql);
  if (statements.length === 0) throw new EngineError('invalid_request', 'There is no statement to run.');
  const context = await guardContext(connection);
  const plans: StatementPlan[] = [];
  for (const statement of statements) {
    const first = statement.tokens[0]!;
    const verb = first.kind === 'word' && first.value === 'update' && isWord(statement.tokens[1], 'extensions') ? 'update_extensions' : first.value;
    if (first.text === '(' || QUERY_STARTS.has(verb)) {
      checkQueryTree(await parseQuery(connection, statement.text, { userSql, start: statement.start }));
      plans.push({ kind: 'query', statement });
    } else if (verb === 'explain') {
      const inner = statement.tokens[isWord(statement.tokens[1], 'analyze') ? 2 : 1];
      const query = inner && (inner.text === '(' || QUERY_STARTS.has(inner.value)) ? tail(statement, inner) : null;
      if (!query) refuse('EXPLAIN in the console explains queries only.', statement, userSql);
      checkQueryTree(await parseQuery(connection, query.text, { userSql, start: query.start }));
      plans.push({ kind: 'explain', statement });
    } else if (verb === 'update_extensions') {
      refuse(REFUSED_KINDS.update_extensions!, statement, userSql);
    } else {
      plans.push(await planWrite(connection, statement, context, userSql));
    }
  }
  return plans;
}

/** The second pass: DuckDB prepares the write and must call it what the first pass allowed. */
export async function confirmWrite(connection: DuckDBConnection, plan: Extract<StatementPlan, { kind: 'write' }>): Promise<void> {
  const prepared = await connection.prepare(plan.statement.text);
  try {
    if (prepared.statementType !== plan.expected) {
      refuse(`DuckDB reads this statement as something other than ${plan.what}; the console does not run it.`);
    }
  } finally {
    prepared.destroySync();
  }
}

// DuckDB's error for a console statement, as the user should see it: DuckDB's
// own words, bounded in length, with the line and column of the statement
// that the editor marks. DuckDB points at a place two ways: a parse error's
// character offset (json_serialize_sql), or a "LINE n:" excerpt with a caret
// under it (binder and catalog errors), where long lines are cut and marked
// with "...".
import { EngineError } from '../../shared/result.js';
import type { SqlErrorPosition } from '../../shared/console.js';
import { lineColumn } from '../../shared/sqlText.js';

export const MAX_ERROR_LENGTH = 2000;

export function bounded(message: string, max = MAX_ERROR_LENGTH): string {
  return message.length <= max ? message : `${message.slice(0, max - 1)}…`;
}

/**
 * The 1-based position a "LINE n:" excerpt points at, in `sql` (the text DuckDB
 * ran, `linesBefore` lines of which were added in front of the user's).
 */
export function caretPosition(message: string, sql: string, linesBefore = 0): SqlErrorPosition | null {
  const match = /^LINE (\d+): (.*)\n( *)\^/m.exec(message);
  if (!match) return null;
  const line = Number(match[1]) - linesBefore;
  if (line < 1) return null;
  const excerpt = match[2]!;
  const caret = match[3]!.length - `LINE ${match[1]}: `.length;
  const sourceLine = sql.split('\n')[Number(match[1]) - 1] ?? '';
  // DuckDB cuts long lines to a window around the caret, with "..." at either cut end.
  const cutFront = excerpt.startsWith('...');
  const visible = excerpt.replace(/^\.\.\./, '').replace(/\.\.\.$/, '');
  const at = cutFront ? sourceLine.indexOf(visible) : 0;
  const column = (at < 0 ? 0 : at) + caret - (cutFront ? 3 : 0) + 1;
  return { line, column: Math.max(1, column) };
}

/** A failed console statement as an EngineError: the message, and where (in the text the user sent). */
export function statementError(
  error: unknown,
  options: { ranSql: string; linesBefore: number; statementStart: number; userSql: string },
): EngineError {
  if (error instanceof EngineError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/interrupt/i.test(message)) return new EngineError('cancelled', 'Cancelled: the query was stopped.');
  const inStatement = caretPosition(message, options.ranSql, options.linesBefore);
  const position = inStatement ? shift(inStatement, options.userSql, options.statementStart) : null;
  return new EngineError('query_failed', bounded(message), position ? { position } : undefined);
}

/** A parse error at a character offset of a statement, as a position in the user's text. */
export function parseErrorPosition(userSql: string, statementStart: number, offsetInStatement: number): SqlErrorPosition {
  return lineColumn(userSql, statementStart + offsetInStatement);
}

/** A position within a statement, moved to where the statement starts in the user's text. */
function shift(position: SqlErrorPosition, userSql: string, statementStart: number): SqlErrorPosition {
  const start = lineColumn(userSql, statementStart);
  return position.line === 1
    ? { line: start.line, column: start.column + position.column - 1 }
    : { line: start.line + position.line - 1, column: position.column };
}

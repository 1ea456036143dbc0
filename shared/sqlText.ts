// SQL text as the console sees it: tokens and statements, with their offsets in
// the editor's text. Used to split "run all" into statements, to find the
// statement under the cursor, and by the engine's guard to name a statement's
// kind and target before DuckDB's own parser and binder confirm them.
// Knows DuckDB's lexical rules: '' and "" escapes, E'' strings, $tag$ quotes,
// nested /* */ comments and -- comments.

export type TokenKind = 'word' | 'string' | 'identifier' | 'number' | 'symbol' | 'semicolon';

export interface Token {
  kind: TokenKind;
  /** The token as written (quotes included). */
  text: string;
  /** For words: lower case; for quoted identifiers and strings: the unquoted value. */
  value: string;
  start: number;
  end: number;
}

export interface Statement {
  text: string;
  /** Offset of the statement's first character in the whole text. */
  start: number;
  end: number;
  tokens: Token[];
}

function quoted(text: string, from: number, quote: string, backslash: boolean): number {
  let i = from + 1;
  while (i < text.length) {
    const ch = text[i];
    if (backslash && ch === '\\') {
      i += 2;
      continue;
    }
    if (ch === quote) {
      if (text[i + 1] === quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i += 1;
  }
  return text.length;
}

function blockComment(text: string, from: number): number {
  let depth = 0;
  let i = from;
  while (i < text.length) {
    if (text.startsWith('/*', i)) {
      depth += 1;
      i += 2;
    } else if (text.startsWith('*/', i)) {
      depth -= 1;
      i += 2;
      if (depth === 0) return i;
    } else {
      i += 1;
    }
  }
  return text.length;
}

const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/;

/** The tokens of `text`, comments and white space left out. Unterminated quotes run to the end. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    if (text.startsWith('--', i)) {
      const newline = text.indexOf('\n', i);
      i = newline < 0 ? text.length : newline + 1;
      continue;
    }
    if (text.startsWith('/*', i)) {
      i = blockComment(text, i);
      continue;
    }
    const start = i;
    const push = (kind: TokenKind, end: number, value?: string) => {
      const raw = text.slice(start, end);
      tokens.push({ kind, text: raw, value: value ?? raw, start, end });
      i = end;
    };
    if (ch === "'") {
      const end = quoted(text, i, "'", false);
      push('string', end, text.slice(i + 1, end - 1).replaceAll("''", "'"));
    } else if ((ch === 'E' || ch === 'e') && text[i + 1] === "'") {
      const end = quoted(text, i + 1, "'", true);
      push('string', end, text.slice(i + 2, end - 1));
    } else if (ch === '"') {
      const end = quoted(text, i, '"', false);
      push('identifier', end, text.slice(i + 1, end - 1).replaceAll('""', '"'));
    } else if (ch === '$' && /^\$[A-Za-z_]*\$/.test(text.slice(i, i + 65))) {
      const tag = /^\$[A-Za-z_]*\$/.exec(text.slice(i, i + 65))![0];
      const close = text.indexOf(tag, i + tag.length);
      const end = close < 0 ? text.length : close + tag.length;
      push('string', end, text.slice(i + tag.length, close < 0 ? text.length : close));
    } else if (WORD_START.test(ch)) {
      let end = i + 1;
      while (end < text.length && WORD_PART.test(text[end]!)) end += 1;
      push('word', end, text.slice(i, end).toLowerCase());
    } else if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      let end = i + 1;
      while (end < text.length && /[0-9._eE]/.test(text[end]!)) end += 1;
      push('number', end);
    } else if (ch === ';') {
      push('semicolon', i + 1);
    } else {
      const two = text.slice(i, i + 2);
      push('symbol', ['::', '<=', '>=', '<>', '!=', '||', '->', '=>'].includes(two) ? i + 2 : i + 1);
    }
  }
  return tokens;
}

/** The statements of `text`, split at top-level semicolons; empty ones (only comments) left out. */
export function splitStatements(text: string): Statement[] {
  const statements: Statement[] = [];
  let current: Token[] = [];
  const close = () => {
    if (current.length > 0) {
      const start = current[0]!.start;
      const end = current[current.length - 1]!.end;
      statements.push({ text: text.slice(start, end), start, end, tokens: current });
    }
    current = [];
  };
  for (const token of tokenize(text)) {
    if (token.kind === 'semicolon') close();
    else current.push(token);
  }
  close();
  return statements;
}

/**
 * The statement the cursor is in (or just after, before the next one starts):
 * what Ctrl+Enter runs when nothing is selected.
 */
export function statementAt(text: string, cursor: number): Statement | null {
  const statements = splitStatements(text);
  const containing = statements.find((statement) => statement.start <= cursor && cursor <= statement.end);
  if (containing) return containing;
  return statements.filter((statement) => statement.end <= cursor).at(-1) ?? statements[0] ?? null;
}

/** 1-based line and column of an offset in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

/** The offset of a 1-based line and column in `text`. */
export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l += 1) {
    const newline = text.indexOf('\n', offset);
    if (newline < 0) return text.length;
    offset = newline + 1;
  }
  return Math.min(text.length, offset + Math.max(0, column - 1));
}

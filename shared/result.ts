// Every call between UI and engine answers with this envelope, so errors cross
// any transport (IPC, HTTP, in-process) as plain data instead of thrown objects.

export const ERROR_CODES = [
  'invalid_request',
  'unknown_method',
  'not_found',
  'unsupported_file',
  'import_failed',
  'query_failed',
  'cancelled',
  /** The SQL console will not run a statement (it would change the model, read files, …). */
  'refused',
  'unauthorized',
  'unsupported',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppError {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

/**
 * The longest message an error carries: enough for a file, line, column and
 * reason, short enough that a message quoting a whole hostile line (300 kB) or
 * a long chain of causes cannot flood the screen, a log or the transport.
 */
export const MAX_MESSAGE_CHARS = 2000;

/** The message cut to MAX_MESSAGE_CHARS, saying how much was left out. */
export function boundedMessage(message: string): string {
  if (message.length <= MAX_MESSAGE_CHARS) return message;
  const omitted = message.length - MAX_MESSAGE_CHARS;
  return `${message.slice(0, MAX_MESSAGE_CHARS)}… (${omitted.toLocaleString('en-US')} more characters left out)`;
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, details?: unknown): Result<never> => {
  const bounded = boundedMessage(message);
  return { ok: false, error: details === undefined ? { code, message: bounded } : { code, message: bounded, details } };
};

/** An error that carries its code; the engine boundary turns it into a failed Result. */
export class EngineError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

export function isAppError(value: unknown): value is AppError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AppError).code === 'string' &&
    typeof (value as AppError).message === 'string'
  );
}

// The contract's boundary, shared by the Engine and the CLI's light commands
// (main/cli/commands/inspect.ts, which answers without starting the Engine):
// an untrusted request checked against its schema, and any failure as data.
import { isMethod, requestSchemas, type Method, type Request } from '../../shared/contract.js';
import { EngineError, fail, ok, type Result } from '../../shared/result.js';
import { plainEngineMessage } from '../ingest/sources/errors.js';
import { nulPath } from './requestText.js';

/** A request's problems named in the answer: the first few are enough to fix it. */
const MAX_ISSUES = 10;

/** The request as its method's schema reads it, or why it is refused. */
export function parseRequest(method: string, request: unknown): Result<{ method: Method; request: Request<Method> }> {
  if (!isMethod(method)) return fail('unknown_method', `There is no method named ${JSON.stringify(method)}.`);
  const parsed = requestSchemas[method].safeParse(request ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, MAX_ISSUES);
    return fail('invalid_request', `Invalid request for ${method}: ${issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ')}`, issues);
  }
  const nul = nulPath(parsed.data);
  if (nul) return fail('invalid_request', `Invalid request for ${method}: ${nul}: text may not contain NUL characters (U+0000).`);
  return ok({ method, request: parsed.data as Request<Method> });
}

export function toFailure(error: unknown): Result<never> {
  if (error instanceof EngineError) return fail(error.code, error.message, error.details);
  const message = error instanceof Error ? error.message : String(error);
  // DuckDB quotes the query around the fault ("LINE 53: WHERE …"): internal SQL, of no use to the user.
  return fail('internal', plainEngineMessage(message));
}

/**
 * An answer with a permanent code: the HTTP status plus the catalogue's wording, as the JSON body
 * `{ code, message, hint, statement? }`. Nothing else reaches a client: no stack, no server path,
 * no setting value.
 */
import { diagnose } from '../diagnostics/diagnostic.js';
import type { CATALOGUE, DiagnosticCode } from '../diagnostics/catalogue.js';

type Params<C extends DiagnosticCode> = Parameters<(typeof CATALOGUE)[C]['message']>[0];

export interface ErrorBody {
  code: DiagnosticCode;
  message: string;
  hint: string;
  /** 0-based index of the statement at fault in the request, when one is. */
  statement?: number;
}

export class ServeError<C extends DiagnosticCode = DiagnosticCode> extends Error {
  readonly body: ErrorBody;
  constructor(
    code: C,
    readonly statusCode: number,
    params: Params<C>,
    extra: { statement?: number; retryAfterSeconds?: number } = {},
  ) {
    const d = diagnose(code, params);
    super(d.message);
    this.body = { code, message: d.message, hint: d.hint, ...(extra.statement !== undefined ? { statement: extra.statement } : {}) };
    this.retryAfterSeconds = extra.retryAfterSeconds;
  }
  readonly retryAfterSeconds: number | undefined;
}

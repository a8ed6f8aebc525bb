import type { Diagnostic } from './diagnostic.js';

/**
 * Thrown when the environment is broken (the browser will not start), carrying the diagnostic to
 * report. Every job that needed the resource gets the same error object, so the build reports it
 * once, not once per job.
 */
export class DiagnosticError extends Error {
  constructor(
    readonly diagnostic: Diagnostic,
    options?: { cause?: unknown },
  ) {
    super(diagnostic.message, options);
    this.name = 'DiagnosticError';
  }
}

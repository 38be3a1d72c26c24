/** Errors thrown by template execution. */

/** Why a template execution failed. */
export type TemplateExecErrorCode =
  /** Go's text/template would have returned an execution error (the message follows Go's wording). */
  | "TEMPLATE_EXEC_FAILED"
  /** A Signalbox resource limit (output size, steps, nesting) stopped the execution. */
  | "TEMPLATE_LIMIT_EXCEEDED"
  /** `renderTemplate` only: the source did not parse. */
  | "TEMPLATE_PARSE_FAILED"
  /** A bug in Signalbox's template engine (never a Go behaviour); please report it with the template. */
  | "TEMPLATE_INTERNAL_ERROR";

/**
 * The only error {@link executeTemplate} throws. Argo Events treats a failing template as "no value" and falls
 * back to the parameter's `value`; callers do the same.
 */
export class TemplateExecError extends Error {
  override readonly name = "TemplateExecError";
  readonly code: TemplateExecErrorCode;

  constructor(message: string, options: { code?: TemplateExecErrorCode; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.code = options.code ?? "TEMPLATE_EXEC_FAILED";
  }
}

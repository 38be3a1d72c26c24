/**
 * Typed failures of the engine. Expected outcomes (filtered, duplicate, overloaded) are discriminated results, not
 * errors; these classes are for invalid input, broken infrastructure and bugs, and each carries a `code` from a
 * closed union so the host can map it to an HTTP or tRPC status without string matching.
 */

/** Every code an {@link EngineError} can carry. */
export type EngineErrorCode =
  | "VALIDATION"
  | "NOT_FOUND"
  | "CONFLICT"
  | "BUS_UNAVAILABLE"
  | "BUS_OVERLOADED"
  | "PAYLOAD_TOO_LARGE"
  | "TRIGGER_FAILED"
  | "PARAMETER_UNRESOLVED"
  | "INTERNAL";

/** One problem in a document, located by a path such as `spec.triggers[0].template.http.url`. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** Base class of every error the engine throws on purpose. */
export class EngineError extends Error {
  readonly code: EngineErrorCode;
  constructor(code: EngineErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "EngineError";
    this.code = code;
  }
}

/** Input that breaks the rules; `issues` lists every problem found, not only the first. */
export class ValidationError extends EngineError {
  readonly issues: readonly FieldIssue[];
  constructor(issues: readonly FieldIssue[], options?: { cause?: unknown }) {
    super("VALIDATION", summarizeIssues(issues), options);
    this.name = "ValidationError";
    this.issues = issues;
  }
}

/** A resource that is referenced but does not exist. */
export class NotFoundError extends EngineError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("NOT_FOUND", message, options);
    this.name = "NotFoundError";
  }
}

/** A request that collides with existing state (a taken webhook port+path, a stale resourceVersion). */
export class ConflictError extends EngineError {
  readonly issues: readonly FieldIssue[];
  constructor(message: string, issues: readonly FieldIssue[] = [], options?: { cause?: unknown }) {
    super("CONFLICT", message, options);
    this.name = "ConflictError";
    this.issues = issues;
  }
}

/** The bus cannot take or give messages right now (broker down, disk full, closed). */
export class BusUnavailableError extends EngineError {
  /** How long a caller should wait before trying again. */
  readonly retryAfterMs: number;
  constructor(message: string, retryAfterMs = 1000, options?: { cause?: unknown }) {
    super("BUS_UNAVAILABLE", message, options);
    this.name = "BusUnavailableError";
    this.retryAfterMs = retryAfterMs;
  }
}

/** A trigger attempt that must not be retried (bad configuration, unresolvable parameter). */
export class NonRetriableError extends EngineError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("TRIGGER_FAILED", message, options);
    this.name = "NonRetriableError";
  }
}

/** A trigger attempt that failed and says when to try again (HTTP 429/503 with Retry-After). */
export class RetryAfterError extends EngineError {
  readonly retryAfterMs: number;
  constructor(message: string, retryAfterMs: number, options?: { cause?: unknown }) {
    super("TRIGGER_FAILED", message, options);
    this.name = "RetryAfterError";
    this.retryAfterMs = retryAfterMs;
  }
}

/** A parameter with no event, no key match and no default (§7.2 step 4.4). */
export class ParameterUnresolvedError extends EngineError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("PARAMETER_UNRESOLVED", message, options);
    this.name = "ParameterUnresolvedError";
  }
}

function summarizeIssues(issues: readonly FieldIssue[]): string {
  if (issues.length === 0) return "invalid input";
  const first = issues[0];
  const head = first ? `${first.path ? `${first.path}: ` : ""}${first.message}` : "invalid input";
  return issues.length === 1 ? head : `${head} (and ${issues.length - 1} more)`;
}

/** Constructors for the errors above, for call sites that read better as `errors.validation(...)`. */
export const errors = {
  validation: (issues: readonly FieldIssue[]) => new ValidationError(issues),
  notFound: (message: string) => new NotFoundError(message),
  conflict: (message: string, issues?: readonly FieldIssue[]) => new ConflictError(message, issues),
  busUnavailable: (message: string, retryAfterMs?: number, cause?: unknown) =>
    new BusUnavailableError(message, retryAfterMs, { cause }),
} as const;

/** Short, loggable text of anything thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === "string" ? error : JSON.stringify(error);
}

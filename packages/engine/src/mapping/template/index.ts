/**
 * Go `text/template` + sprig v3.3.0, byte-compatible with Argo Events' `dataTemplate`, `contextTemplate` and
 * data-filter `template` fields (spec §5.4, §7.2, §7.5).
 *
 * Parse once when a manifest is applied (unsupported functions and syntax errors are reported there, with
 * offsets), then execute per event. Execution depends only on its inputs, the injected clock and, for sprig's
 * `rand*`/`uuidv4`/`shuffle`, randomness.
 *
 * @example
 * ```ts
 * const parsed = parseTemplate("{{ .Input.body.name | nospace | lower }}");
 * if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join("; "));
 * executeTemplate(parsed.template, { Input: { body: { name: "Jane Doe" } } }); // "janedoe"
 * ```
 */

import { execute } from "./exec.ts";
import { TemplateExecError } from "./errors.ts";
import { FUNCTION_NAMES, FUNCTION_TABLE, hasFunction } from "./functions.ts";
import { parseTree, type TemplateParseIssue } from "./parser.ts";
import type { ListNode } from "./ast.ts";
import { fromJs } from "./values.ts";

export { TemplateExecError } from "./errors.ts";
export type { TemplateExecErrorCode } from "./errors.ts";
export type { TemplateParseIssue } from "./parser.ts";

/** A parsed template. Opaque: obtain one from {@link parseTemplate}. */
export interface Template {
  /** The template text it was parsed from. */
  readonly source: string;
}

/** Outcome of {@link parseTemplate}: the template, or every problem found (each with its UTF-16 offset). */
export type TemplateParseResult =
  | { readonly ok: true; readonly template: Template }
  | { readonly ok: false; readonly errors: readonly TemplateParseIssue[] };

/** Options for {@link executeTemplate}. */
export interface ExecuteTemplateOptions {
  /** Clock for `now`, `ago`, `date` on non-time values, … Defaults to the system clock. */
  readonly now?: () => Date;
  /** Template name used in error messages, as Go's `template.New(name)`. Argo Events uses "param". */
  readonly name?: string;
  /** Maximum output length in UTF-16 code units (default 4 Mi). Larger results throw TEMPLATE_LIMIT_EXCEEDED. */
  readonly maxOutputLength?: number;
  /** Maximum evaluation steps (default 2 000 000), so a manifest cannot stall the engine. */
  readonly maxSteps?: number;
}

const trees = new WeakMap<Template, ListNode>();

/**
 * Every function a template may call: Go's builtins (`and`, `or`, `not`, `eq`, `ne`, `lt`, `le`, `gt`, `ge`,
 * `len`, `index`, `print`, `printf`, `println`, `html`, `js`, `urlquery`) and the supported sprig functions.
 * Anything else is rejected by {@link parseTemplate}.
 */
export const SUPPORTED_TEMPLATE_FUNCTIONS: readonly string[] = FUNCTION_NAMES;

/**
 * Parses a template. Syntax errors, undefined variables, `define`/`template`/`block`, and every call to a function
 * outside {@link SUPPORTED_TEMPLATE_FUNCTIONS} are reported here, so a manifest fails at apply time.
 *
 * @example
 * ```ts
 * parseTemplate("{{ .Input | toYaml }}");
 * // { ok: false, errors: [{ message: 'function "toYaml" not defined', offset: 12 }] }
 * ```
 */
export function parseTemplate(source: string): TemplateParseResult {
  const { root, issues } = parseTree(source, hasFunction);
  if (issues.length > 0) return { ok: false, errors: issues };
  const template: Template = Object.freeze({ source });
  trees.set(template, root);
  return { ok: true, template };
}

/**
 * Executes a parsed template with `data` as dot (Go's `Execute(w, data)`). Argo Events passes
 * `{ Input: <event data or context> }`, and data filters `{ Input: "<path result as a string>" }`. JSON-shaped
 * data behaves exactly as Go's `encoding/json` output does; the caller's objects are never mutated.
 *
 * @throws {TemplateExecError} for every failure Go would report (and for Signalbox's resource limits).
 * @example
 * ```ts
 * executeTemplate(t, { Input: { n: 3 } }, { now: () => new Date("2024-01-01T00:00:00Z") });
 * ```
 */
export function executeTemplate(template: Template, data: unknown, options: ExecuteTemplateOptions = {}): string {
  let root = trees.get(template);
  if (!root) {
    const parsed = parseTree(template.source, hasFunction);
    const first = parsed.issues[0];
    if (first) throw new TemplateExecError(`template: ${first.message}`, { code: "TEMPLATE_PARSE_FAILED" });
    root = parsed.root;
  }
  let dot;
  try {
    dot = fromJs(data);
  } catch (e) {
    throw new TemplateExecError("template: data nested too deeply", { code: "TEMPLATE_LIMIT_EXCEEDED", cause: e });
  }
  return execute(root, dot, {
    source: template.source,
    name: options.name ?? "param",
    funcs: FUNCTION_TABLE,
    limits: { maxOutputLength: options.maxOutputLength ?? 4 * 1024 * 1024, maxSteps: options.maxSteps ?? 2_000_000 },
    now: options.now ?? (() => new Date()),
  });
}

/**
 * Parses and executes in one step. A parse error throws a {@link TemplateExecError} with code
 * `TEMPLATE_PARSE_FAILED`, so callers can treat every failure as "no value", like Argo Events.
 */
export function renderTemplate(source: string, data: unknown, options: ExecuteTemplateOptions = {}): string {
  const parsed = parseTemplate(source);
  if (!parsed.ok) {
    const message = parsed.errors.map((e) => e.message).join("; ");
    throw new TemplateExecError(`template: ${options.name ?? "param"}: ${message}`, { code: "TEMPLATE_PARSE_FAILED" });
  }
  return executeTemplate(parsed.template, data, options);
}

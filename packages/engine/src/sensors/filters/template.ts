/**
 * Data-filter templates (§5.4): Go `text/template` + sprig, parsed once, executed with `.Input` = the string form
 * of the path's result. Parse errors keep Go's wording (`template: param:1: function "x" not defined`). Pure apart
 * from the injected clock.
 */
import { executeTemplate, parseTemplate, TemplateExecError, type Template } from "../../mapping/template/index.ts";

export type CompiledTemplate = { ok: true; template: Template } | { ok: false; error: string };

/** Parse a template the way Argo's `template.New("param").Funcs(sprig.FuncMap()).Parse(text)` reports it. */
export function compileFilterTemplate(source: string): CompiledTemplate {
  const parsed = parseTemplate(source);
  if (parsed.ok) return { ok: true, template: parsed.template };
  const first = parsed.errors[0];
  if (!first) return { ok: false, error: "template: param: invalid template" };
  const line = source.slice(0, first.offset).split("\n").length;
  return { ok: false, error: `template: param:${line}: ${first.message}` };
}

export type TemplateOutput = { ok: true; output: string } | { ok: false; error: string };

/** Execute with `{ Input: input }`; every failure is an error, as in Argo. */
export function runFilterTemplate(template: Template, input: string, now: number): TemplateOutput {
  try {
    return {
      ok: true,
      output: executeTemplate(template, { Input: input }, { now: () => new Date(now), name: "param" }),
    };
  } catch (error) {
    if (error instanceof TemplateExecError) return { ok: false, error: error.message };
    return { ok: false, error: `template: param: ${error instanceof Error ? error.message : String(error)}` };
  }
}

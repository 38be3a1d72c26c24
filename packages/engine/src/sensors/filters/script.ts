/**
 * `filters.script` (§5.4): a Lua (5.1, gopher-lua-like) script with the data as the global `event`; it passes only
 * by returning `true`. An event without data passes; a Lua error or data that is not a JSON object is an error,
 * and a script error rejects the event whatever `filtersLogicalOperator` says. Checked once; evaluation is pure.
 */
import { compileLua, runLuaFilter, type LuaCompileResult, type LuaOptions } from "../transform/index.ts";
import type { CompiledKind, FilterEvent, KindResult } from "./types.ts";

/** Compile `filters.script`; `path` locates it in the spec for the verdict. */
export function compileScriptFilter(script: string, path: string, limits: LuaOptions = {}): CompiledKind {
  const compiled: LuaCompileResult = compileLua(script);
  return {
    kind: "script",
    evaluate(event: FilterEvent): KindResult {
      const error = (message: string): KindResult => ({
        kind: "script",
        match: false,
        error: message,
        reason: `script filter error: ${message}`,
        verdicts: [{ kind: "script", path, pass: false, reason: `error: ${message}` }],
      });
      if (event.bytes === undefined) {
        const reason = "event has no data: script filter passes";
        return { kind: "script", match: true, reason, verdicts: [{ kind: "script", path, pass: true, reason }] };
      }
      if (!compiled.ok) return error(compiled.error);
      const result = runLuaFilter(compiled.script, event.bytes, limits);
      if (!result.ok) return error(result.error);
      return {
        kind: "script",
        match: result.match,
        reason: result.reason,
        verdicts: [{ kind: "script", path, pass: result.match, reason: result.reason }],
      };
    },
  };
}

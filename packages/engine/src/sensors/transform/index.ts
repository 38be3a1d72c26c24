/**
 * Argo Events' jq and Lua steps: `transform.jq`, `transform.script` (§5.5) and `filters.script` (§5.4),
 * producing the same bytes Argo Events produces. See README.md for the libraries and the known differences.
 */
export { compileJq, runJqTransform, closeJq, checkJqShape } from "./jq.ts";
export type { CompiledJq, JqCompileResult, JqOptions } from "./jq.ts";
export { compileLua, runLuaTransform, runLuaFilter } from "./lua.ts";
export type { CompiledLua, LuaCompileResult, LuaFilterResult, LuaOptions } from "./lua.ts";
export { marshalGoJson, parseGoJson } from "./goJson.ts";
export type { GoJsonResult, GoJsonValue } from "./goJson.ts";
export type { TransformResult } from "./payload.ts";

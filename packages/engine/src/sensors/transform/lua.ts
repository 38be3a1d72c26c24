/**
 * Argo Events' Lua steps (spec §5.4 `filters.script`, §5.5 `transform.script`), which run gopher-lua v1.1.2
 * (Lua 5.1) in a fresh state per event with the payload as the global `event`.
 *
 * Here Lua is fengari (Lua 5.3 in JavaScript) made to behave like gopher-lua: `fengariRuntime.ts` fixes numbers
 * and `#`, the setup chunk below removes 5.2/5.3-only functions and adds the 5.1 ones, `luaparse` rejects 5.3-only
 * syntax (`//`, bitwise operators, `goto`), and `string.format`/`tonumber` follow Go. Synchronous; a count hook
 * stops runaway scripts, and string creation is capped.
 *
 * Deliberately unlike gopher-lua: no `io`, `debug`, `package`/`require`, `os.execute`/`exit`/`getenv`/`remove`,
 * `dofile`/`loadfile`, and `print` is silent — a sensor script has no business touching the host.
 */
import luaparse from "luaparse";
import { marshalGoJson, parseGoJson } from "./goJson.ts";
import { fengari, runtimeState, type LuaState } from "./fengariRuntime.ts";
import { goLuaToNumber, goSprintf, luaNumberToString, type FormatArg } from "./goFormat.ts";
import { decodeGoString, luaToJson, pushObjectTable } from "./luaValues.ts";
import { decodePayload, type TransformResult } from "./payload.ts";

const { lua, lauxlib, lualib, to_luastring } = fengari;

/** Limits for one Lua run. */
export interface LuaOptions {
  /** Lua VM instructions allowed; default 10 million. */
  maxInstructions?: number;
  /** Wall-clock budget in milliseconds, checked every 1000 instructions; default 1000. */
  timeoutMs?: number;
  /** Longest string the script may build, in bytes; default 8 MiB. */
  maxStringBytes?: number;
  /** Clock for the time budget, in milliseconds; default `performance.now`. */
  now?: () => number;
}

/** A Lua script that passed {@link compileLua}. */
export interface CompiledLua {
  readonly kind: "lua";
  readonly source: string;
}

/** The outcome of {@link compileLua}. */
export type LuaCompileResult = { ok: true; script: CompiledLua } | { ok: false; error: string };

/** The outcome of {@link runLuaFilter}: a verdict with its reason, or an error (which rejects the event). */
export type LuaFilterResult = { ok: true; match: boolean; reason: string } | { ok: false; error: string };

const HOOK_EVERY = 1000;
const DEFAULTS = { maxInstructions: 10_000_000, timeoutMs: 1000, maxStringBytes: 8 * 1024 * 1024 };

/**
 * Checks a script when a sensor is saved: Lua 5.1 syntax (so `a // b` or `x & 1` are rejected as gopher-lua would).
 *
 * @example
 * const compiled = compileLua('if event.body.a == "b" then return true else return false end');
 */
export function compileLua(script: string): LuaCompileResult {
  const syntax = checkSyntax(script);
  if (syntax !== undefined) return { ok: false, error: syntax };
  const L = lauxlib.luaL_newstate();
  try {
    const status = load(L, script);
    if (status !== lua.LUA_OK) return { ok: false, error: errorText(L, -1) };
    return { ok: true, script: { kind: "lua", source: script } };
  } finally {
    lua.lua_close(L);
  }
}

/**
 * Runs `transform.script` like Argo: the script must return a table (the last returned value counts), which
 * becomes the new data. `data` is read as in {@link runJqTransform}: raw bytes, a parsed value, or `undefined`.
 *
 * @example
 * runLuaTransform('event.count = event.count + 1; return event', '{"count":1}');
 * // { ok: true, changed: true, json: '{"count":2}', data: { count: 2 } }
 */
export function runLuaTransform(script: string | CompiledLua, data: unknown, options: LuaOptions = {}): TransformResult {
  const payload = decodePayload(data);
  if (payload.kind === "absent") return { ok: true, changed: false };
  if (payload.kind === "error") return { ok: false, error: payload.error };
  return withScript(script, payload.value ?? {}, options, (L) => {
    if (lua.lua_gettop(L) === 0 || lua.lua_type(L, -1) !== lua.LUA_TTABLE) {
      return { ok: false, error: "transformation script output type is not of lua table" };
    }
    const converted = luaToJson(L, -1);
    if (!converted.ok) return converted;
    const json = marshalGoJson(converted.value);
    if (!json.ok) return { ok: false, error: json.error };
    const reparsed = parseGoJson(json.value);
    if (!reparsed.ok) return { ok: false, error: "script transformation output is not a JSON object" };
    const value = reparsed.value;
    if (typeof value !== "object") return { ok: false, error: "script transformation output is not a JSON object" };
    return { ok: true, changed: true, json: json.value, data: value as Record<string, unknown> | unknown[] | null };
  });
}

/**
 * Runs `filters.script` like Argo: the event passes only if the script's last returned value is `true`.
 * An event without data passes without running the script.
 *
 * @example
 * runLuaFilter('return event.kind == "push"', '{"kind":"push"}'); // { ok: true, match: true, reason: … }
 */
export function runLuaFilter(script: string | CompiledLua, data: unknown, options: LuaOptions = {}): LuaFilterResult {
  const payload = decodePayload(data);
  if (payload.kind === "absent") return { ok: true, match: true, reason: "event has no data: script filter skipped" };
  if (payload.kind === "error") return { ok: false, error: payload.error };
  return withScript(script, payload.value ?? {}, options, (L): LuaFilterResult => {
    const top = lua.lua_gettop(L);
    const passed = top > 0 && lua.lua_type(L, -1) === lua.LUA_TBOOLEAN && lua.lua_toboolean(L, -1);
    return passed
      ? { ok: true, match: true, reason: "script returned true" }
      : { ok: true, match: false, reason: `script returned ${top > 0 ? describe(L, -1) : "nothing"}, not true` };
  });
}

/** Lua 5.1 grammar check; fengari alone would accept Lua 5.3 syntax that gopher-lua rejects. */
function checkSyntax(script: string): string | undefined {
  try {
    luaparse.parse(script, { luaVersion: "5.1", comments: false, locations: false, scope: false });
    return undefined;
  } catch (cause) {
    return `<string>: ${cause instanceof Error ? cause.message : String(cause)}`;
  }
}

function describe(L: LuaState, index: number): string {
  const type = lua.lua_type(L, index);
  if (type === lua.LUA_TSTRING) return JSON.stringify(decodeGoString(lua.lua_tostring(L, index)));
  if (type === lua.LUA_TNIL || type === lua.LUA_TBOOLEAN || type === lua.LUA_TNUMBER) return errorText(L, index);
  return `a ${type === lua.LUA_TTABLE ? "table" : "value"}`;
}

function withScript<TResult>(
  script: string | CompiledLua,
  event: Record<string, unknown>,
  options: LuaOptions,
  onReturn: (L: LuaState) => TResult | { ok: false; error: string },
): TResult | { ok: false; error: string } {
  const source = typeof script === "string" ? script : script.source;
  if (typeof script === "string") {
    const syntax = checkSyntax(script);
    if (syntax !== undefined) return { ok: false, error: syntax };
  }
  const limits = { ...DEFAULTS, ...options };
  const now = options.now ?? (() => performance.now());
  const L = lauxlib.luaL_newstate();
  const previousMax = runtimeState.maxStringBytes;
  runtimeState.maxStringBytes = limits.maxStringBytes;
  try {
    openLibraries(L, limits.maxStringBytes);
    const status = load(L, source);
    if (status !== lua.LUA_OK) return { ok: false, error: errorText(L, -1) };
    pushObjectTable(L, event);
    lua.lua_setglobal(L, to_luastring("event"));

    let executed = 0;
    let exceeded: string | undefined;
    const started = now();
    const hook = (state: LuaState): void => {
      executed += HOOK_EVERY;
      if (exceeded === undefined) {
        if (executed > limits.maxInstructions) exceeded = `script exceeded the limit of ${limits.maxInstructions} instructions`;
        else if (now() - started > limits.timeoutMs) exceeded = `script exceeded the time limit of ${limits.timeoutMs} ms`;
        // From now on every instruction raises, so a `pcall` inside the script cannot swallow the stop.
        if (exceeded !== undefined) lua.lua_sethook(state, hook, lua.LUA_MASKCOUNT, 1);
      }
      if (exceeded !== undefined) lauxlib.luaL_error(state, to_luastring(exceeded));
    };
    lua.lua_sethook(L, hook, lua.LUA_MASKCOUNT, HOOK_EVERY);
    const runStatus = lua.lua_pcall(L, 0, lua.LUA_MULTRET, 0);
    lua.lua_sethook(L, null, 0, 0);
    if (exceeded !== undefined) return { ok: false, error: exceeded };
    if (runStatus !== lua.LUA_OK) return { ok: false, error: errorText(L, -1) };
    return onReturn(L);
  } finally {
    runtimeState.maxStringBytes = previousMax;
    lua.lua_close(L);
  }
}

function load(L: LuaState, source: string): number {
  const bytes = to_luastring(source);
  runtimeState.compiling = true;
  try {
    return lauxlib.luaL_loadbufferx(L, bytes, bytes.length, to_luastring("=<string>"), to_luastring("t"));
  } finally {
    runtimeState.compiling = false;
  }
}

function errorText(L: LuaState, index: number): string {
  if (lua.lua_gettop(L) === 0) return "unknown Lua error";
  const text = decodeGoString(lauxlib.luaL_tolstring(L, index));
  lua.lua_pop(L, 1);
  return text;
}

/**
 * The standard library gopher-lua scripts see, minus host access. Written in Lua because most of it is
 * shuffling table fields; `math.floor`, `os.time` and friends add `0.0` so no 5.3 integer escapes into the script.
 */
function setupChunk(maxStringBytes: number): string {
  return `
local table, math, string, os, load, error = table, math, string, os, load, error
unpack = table.unpack
loadstring = function(s, name) return load(s, name, "t") end
dofile, loadfile, rawlen, print = nil, nil, nil, function() end
table.getn = function(t) return #t end
table.maxn = function(t) local m = 0 for k in pairs(t) do if type(k) == "number" and k > m then m = k end end return m end
table.pack, table.unpack, table.move = nil, nil, nil
local floor, abs, fmod, time = math.floor, math.abs, math.fmod, os.time
math.abs = function(x) return abs(x) + 0.0 end
math.fmod = function(a, b) return fmod(a + 0.0, b) end
math.mod = math.fmod
math.pow = function(a, b) return a ^ b end
math.log10 = function(x) return math.log(x, 10) end
math.ldexp = function(m, e) return m * 2.0 ^ e end
math.frexp = function(x)
  if x == 0 or x ~= x or x == math.huge or x == -math.huge then return x, 0.0 end
  local e = floor(math.log(abs(x), 2)) + 1
  local m = x / 2.0 ^ e
  if abs(m) >= 1 then m, e = m / 2, e + 1 elseif abs(m) < 0.5 then m, e = m * 2, e - 1 end
  return m, e + 0.0
end
math.cosh = function(x) return (math.exp(x) + math.exp(-x)) / 2 end
math.sinh = function(x) return (math.exp(x) - math.exp(-x)) / 2 end
math.tanh = function(x) local a, b = math.exp(x), math.exp(-x) return (a - b) / (a + b) end
math.type, math.tointeger, math.maxinteger, math.mininteger, math.ult = nil, nil, nil, nil, nil
string.gfind = string.gmatch
string.pack, string.unpack, string.packsize = nil, nil, nil
local rep = string.rep
string.rep = function(s, n)
  local count = math.floor(n)
  if count > 0 and #tostring(s) * count > ${maxStringBytes} then error("resulting string too large", 2) end
  return rep(s, n)
end
os.time = function(t) return time(t) + 0.0 end
os.execute, os.exit, os.getenv, os.remove, os.rename, os.tmpname, os.setlocale = nil, nil, nil, nil, nil, nil, nil
`;
}

function openLibraries(L: LuaState, maxStringBytes: number): void {
  const libraries: [string, (L: LuaState) => number][] = [
    ["_G", lualib.luaopen_base],
    ["table", lualib.luaopen_table],
    ["string", lualib.luaopen_string],
    ["math", lualib.luaopen_math],
    ["os", lualib.luaopen_os],
    ["coroutine", lualib.luaopen_coroutine],
  ];
  for (const [name, open] of libraries) {
    lauxlib.luaL_requiref(L, to_luastring(name), open, 1);
    lua.lua_pop(L, 1);
  }
  lua.lua_pushjsfunction(L, luaToNumber);
  lua.lua_setglobal(L, to_luastring("tonumber"));
  lua.lua_pushjsfunction(L, luaToString);
  lua.lua_setglobal(L, to_luastring("tostring"));
  lua.lua_getglobal(L, to_luastring("string"));
  lua.lua_pushjsfunction(L, luaStringFormat);
  lua.lua_setfield(L, -2, to_luastring("format"));
  lua.lua_pop(L, 1);
  // Go's math.Floor/Ceil: floats, so math.ceil(-0.5) is -0 as in gopher-lua.
  lua.lua_getglobal(L, to_luastring("math"));
  lua.lua_pushjsfunction(L, (state) => pushNumber(state, Math.floor(lauxlib.luaL_checknumber(state, 1))));
  lua.lua_setfield(L, -2, to_luastring("floor"));
  lua.lua_pushjsfunction(L, (state) => pushNumber(state, Math.ceil(lauxlib.luaL_checknumber(state, 1))));
  lua.lua_setfield(L, -2, to_luastring("ceil"));
  lua.lua_pop(L, 1);
  const status = load(L, setupChunk(maxStringBytes));
  if (status !== lua.LUA_OK || lua.lua_pcall(L, 0, 0, 0) !== lua.LUA_OK) {
    throw new Error(`Lua setup failed: ${errorText(L, -1)}`);
  }
}

/** gopher-lua's `tonumber`: Go integer parsing unless the string has a `.`; `"1e5"` is nil there. */
function luaToNumber(L: LuaState): number {
  if (lua.lua_gettop(L) < 1) lauxlib.luaL_error(L, to_luastring("bad argument #1 to tonumber (value expected)"));
  const hasBase = lua.lua_gettop(L) >= 2 && lua.lua_type(L, 2) !== lua.LUA_TNIL;
  const base = hasBase ? lauxlib.luaL_checkinteger(L, 2) : undefined;
  const type = lua.lua_type(L, 1);
  if (type === lua.LUA_TNUMBER) {
    lua.lua_pushnumber(L, lua.lua_tonumber(L, 1));
  } else if (type === lua.LUA_TSTRING) {
    const value = goLuaToNumber(decodeGoString(lua.lua_tostring(L, 1)), base);
    if (value === undefined) lua.lua_pushnil(L);
    else lua.lua_pushnumber(L, value);
  } else {
    lua.lua_pushnil(L);
  }
  return 1;
}

function pushNumber(L: LuaState, value: number): number {
  lua.lua_pushnumber(L, value);
  return 1;
}

/** `tostring`: numbers print like gopher-lua; everything else (metamethods included) as fengari does. */
function luaToString(L: LuaState): number {
  if (lua.lua_gettop(L) < 1) lauxlib.luaL_error(L, to_luastring("bad argument #1 to tostring (value expected)"));
  if (lua.lua_type(L, 1) === lua.LUA_TNUMBER) {
    lua.lua_pushstring(L, to_luastring(luaNumberToString(lua.lua_tonumber(L, 1))));
  } else {
    lauxlib.luaL_tolstring(L, 1);
  }
  return 1;
}

/** gopher-lua's `string.format`, i.e. Go's `fmt.Sprintf`. */
function luaStringFormat(L: LuaState): number {
  const format = decodeGoString(lauxlib.luaL_checkstring(L, 1));
  const args: FormatArg[] = [];
  const top = lua.lua_gettop(L);
  for (let i = 2; i <= top; i++) {
    const type = lua.lua_type(L, i);
    if (type === lua.LUA_TNUMBER) args.push({ type: "number", value: lua.lua_tonumber(L, i) });
    else if (type === lua.LUA_TSTRING) args.push({ type: "string", value: decodeGoString(lua.lua_tostring(L, i)) });
    else if (type === lua.LUA_TBOOLEAN) args.push({ type: "boolean", value: lua.lua_toboolean(L, i) });
    else if (type === lua.LUA_TNIL) args.push({ type: "nil" });
    else {
      const text = decodeGoString(lauxlib.luaL_tolstring(L, i));
      lua.lua_pop(L, 1);
      args.push({ type: "other", goType: type === lua.LUA_TTABLE ? "*lua.LTable" : "*lua.LFunction", text });
    }
  }
  const text = goSprintf(format, args);
  if (text.length > runtimeState.maxStringBytes) lauxlib.luaL_error(L, to_luastring("resulting string too large"));
  lua.lua_pushstring(L, to_luastring(text));
  return 1;
}

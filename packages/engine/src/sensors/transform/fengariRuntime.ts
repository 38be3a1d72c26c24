/**
 * Loads fengari (Lua 5.3 in JavaScript) and bends it towards gopher-lua v1.1.2 (Lua 5.1, float64 numbers, Go
 * formatting). fengari reads a few internals through module objects at call time, so they are replaced here:
 * - number → string (`tostring`, `..`) prints like gopher-lua (`3`, `0.1`, `1e+20`), never `3.0`;
 * - numerals and string coercions become floats, and strings coerce with Go's rules (`"010"+0` is 8);
 * - float → integer arguments truncate (`string.sub(s, 1, 2.5)`) instead of raising an error;
 * - `#t` is the highest positive integer key below 2^26, like gopher-lua's array part.
 * String creation is also capped so `s = s .. s` cannot eat the heap between two instruction-count hooks.
 * The patches are installed once per process and marked, so a second copy of this module reuses them.
 */
import { createRequire } from "node:module";
import { luaNumberToString, parseGoLuaNumber } from "./goFormat.ts";

const require = createRequire(import.meta.url);

/** A fengari value slot, as far as the patches need it. */
interface TValue {
  value: number;
  ttisinteger(): boolean;
  ttisfloat(): boolean;
  setfltvalue(value: number): void;
  setsvalue(value: unknown): void;
}

interface LuaTable {
  strong: Map<unknown, { p?: unknown }> & { size: number };
  l: unknown;
}

/** Limits and flags shared between the patched internals and every copy of this module. */
export interface RuntimeState {
  maxStringBytes: number;
  compiling: boolean;
}

const MARK = "__signalboxGopherPatches";
const MAX_ARRAY_INDEX = 67108864;

// lstring must be patched before the rest of fengari loads, because lvm and lapi copy `luaS_bless` at load time.
const lstring: Record<string, unknown> & { [MARK]?: RuntimeState } = require("fengari/src/lstring.js");
if (lstring[MARK] === undefined) {
  const state: RuntimeState = { maxStringBytes: 8 * 1024 * 1024, compiling: false };
  const bless = lstring.luaS_bless;
  const create = lstring.luaS_new;
  if (typeof bless !== "function" || typeof create !== "function") throw new Error("unexpected fengari version");
  const guard = (L: unknown, length: number): void => {
    if (length > state.maxStringBytes) {
      const ldebug: { luaG_runerror(L: unknown, message: Uint8Array): never } = require("fengari/src/ldebug.js");
      const defs: { to_luastring(text: string): Uint8Array } = require("fengari/src/defs.js");
      ldebug.luaG_runerror(L, defs.to_luastring(`string length exceeds the limit of ${state.maxStringBytes} bytes`));
    }
  };
  // Plain functions, not arrows: fengari calls `new luaS_new(…)` in places.
  lstring.luaS_bless = function guardedBless(L: unknown, str: Uint8Array): unknown {
    guard(L, str.length);
    return bless(L, str);
  };
  lstring.luaS_new = function guardedNew(L: unknown, str: Uint8Array): unknown {
    guard(L, str.length);
    return create(L, str);
  };
  lstring[MARK] = state;
}

/** The state installed with the patches (limits are set per run by `lua.ts`). */
export const runtimeState: RuntimeState = lstring[MARK] ?? { maxStringBytes: 0, compiling: false };

export const fengari: FengariModule = require("fengari");

const lobject: Record<string, unknown> & { [MARK]?: boolean } = require("fengari/src/lobject.js");
const lvm: Record<string, unknown> = require("fengari/src/lvm.js");
const ltable: Record<string, unknown> = require("fengari/src/ltable.js");

if (lobject[MARK] !== true) {
  const originalStr2num = lobject.luaO_str2num;
  const blessString = lstring.luaS_bless;
  if (typeof originalStr2num !== "function" || typeof blessString !== "function" || typeof ltable.luaH_getn !== "function") {
    throw new Error("unexpected fengari version");
  }
  lobject.luaO_tostring = (L: unknown, obj: TValue): void => {
    obj.setsvalue(blessString(L, fengari.to_luastring(luaNumberToString(obj.value))));
  };
  lobject.luaO_str2num = (s: Uint8Array, o: TValue): number => {
    if (runtimeState.compiling) {
      // Numerals in source: Lua syntax, but every number is a float64 as in Lua 5.1.
      const size: unknown = originalStr2num(s, o);
      if (typeof size === "number" && size !== 0 && o.ttisinteger()) o.setfltvalue(o.value);
      return typeof size === "number" ? size : 0;
    }
    const value = parseGoLuaNumber(fengari.to_jsstring(s));
    if (value === undefined) return 0;
    o.setfltvalue(value);
    return s.length + 1;
  };
  lvm.tointeger = (o: TValue): number | false => {
    let n: number;
    if (o.ttisinteger() || o.ttisfloat()) {
      n = o.value;
    } else {
      const tonumber = lvm.tonumber;
      const converted: unknown = typeof tonumber === "function" ? tonumber(o) : false;
      if (typeof converted !== "number") return false;
      n = converted;
    }
    if (!Number.isFinite(n)) return false;
    const truncated = Math.trunc(n);
    // fengari integers are 32-bit.
    return truncated >= -2147483648 && truncated <= 2147483647 ? truncated : false;
  };
  const lengthCache = new WeakMap<LuaTable, { size: number; last: unknown; max: number }>();
  ltable.luaH_getn = (t: LuaTable): number => {
    const cached = lengthCache.get(t);
    if (cached !== undefined && cached.size === t.strong.size && cached.last === t.l) return cached.max;
    let max: number;
    const last = t.l as { p?: unknown; key?: { value?: unknown; ttisnumber?: () => boolean } } | undefined;
    if (cached !== undefined && t.strong.size === cached.size + 1 && last?.p === cached.last) {
      // Exactly one entry was appended since the last call (the common `t[#t + 1] = v` loop).
      const key = last?.key?.ttisnumber?.() === true ? last.key.value : undefined;
      max = typeof key === "number" && Number.isInteger(key) && key >= 1 && key < MAX_ARRAY_INDEX ? Math.max(cached.max, key) : cached.max;
    } else {
      max = 0;
      for (const key of t.strong.keys()) {
        if (typeof key === "number" && key > max && key < MAX_ARRAY_INDEX && Number.isInteger(key)) max = key;
      }
    }
    lengthCache.set(t, { size: t.strong.size, last: t.l, max });
    return max;
  };
  lobject[MARK] = true;
}

/** The part of fengari's API this package uses. */
export interface FengariModule {
  to_luastring(text: string): Uint8Array;
  to_jsstring(bytes: Uint8Array): string;
  lua: LuaApi;
  lauxlib: LauxlibApi;
  lualib: LualibApi;
}

/** An opaque `lua_State`. */
export type LuaState = { readonly __luaState: unique symbol };

/** fengari's `lua` namespace (the C API). */
export interface LuaApi {
  LUA_OK: number;
  LUA_MULTRET: number;
  LUA_MASKCOUNT: number;
  LUA_REGISTRYINDEX: number;
  LUA_TNIL: number;
  LUA_TBOOLEAN: number;
  LUA_TNUMBER: number;
  LUA_TSTRING: number;
  LUA_TTABLE: number;
  LUA_TFUNCTION: number;
  LUA_TUSERDATA: number;
  LUA_TTHREAD: number;
  LUA_TLIGHTUSERDATA: number;
  lua_close(L: LuaState): void;
  lua_pcall(L: LuaState, nargs: number, nresults: number, errfunc: number): number;
  lua_sethook(L: LuaState, hook: ((L: LuaState) => void) | null, mask: number, count: number): void;
  lua_gettop(L: LuaState): number;
  lua_settop(L: LuaState, index: number): void;
  lua_pop(L: LuaState, n: number): void;
  lua_type(L: LuaState, index: number): number;
  lua_toboolean(L: LuaState, index: number): boolean;
  lua_tonumber(L: LuaState, index: number): number;
  lua_tostring(L: LuaState, index: number): Uint8Array;
  lua_topointer(L: LuaState, index: number): object;
  lua_pushnumber(L: LuaState, n: number): void;
  lua_pushboolean(L: LuaState, b: boolean): void;
  lua_pushstring(L: LuaState, s: Uint8Array): void;
  lua_pushnil(L: LuaState): void;
  lua_pushvalue(L: LuaState, index: number): void;
  lua_pushjsfunction(L: LuaState, fn: (L: LuaState) => number): void;
  lua_createtable(L: LuaState, narr: number, nrec: number): void;
  lua_rawset(L: LuaState, index: number): void;
  lua_rawseti(L: LuaState, index: number, n: number): void;
  lua_rawgeti(L: LuaState, index: number, n: number): number;
  lua_rawget(L: LuaState, index: number): number;
  lua_setfield(L: LuaState, index: number, key: Uint8Array): void;
  lua_getfield(L: LuaState, index: number, key: Uint8Array): number;
  lua_setglobal(L: LuaState, name: Uint8Array): void;
  lua_getglobal(L: LuaState, name: Uint8Array): number;
  lua_next(L: LuaState, index: number): boolean;
  lua_getmetatable(L: LuaState, index: number): boolean;
  lua_error(L: LuaState): never;
  lua_absindex(L: LuaState, index: number): number;
}

/** fengari's `lauxlib` namespace. */
export interface LauxlibApi {
  luaL_newstate(): LuaState;
  luaL_loadbufferx(L: LuaState, buffer: Uint8Array, size: number, name: Uint8Array, mode: Uint8Array | null): number;
  luaL_requiref(L: LuaState, name: Uint8Array, open: (L: LuaState) => number, global: number): void;
  luaL_error(L: LuaState, message: Uint8Array): never;
  luaL_tolstring(L: LuaState, index: number): Uint8Array;
  luaL_checkstring(L: LuaState, index: number): Uint8Array;
  luaL_checkinteger(L: LuaState, index: number): number;
  luaL_checknumber(L: LuaState, index: number): number;
}

/** fengari's `lualib` namespace (standard library openers). */
export interface LualibApi {
  luaopen_base(L: LuaState): number;
  luaopen_table(L: LuaState): number;
  luaopen_string(L: LuaState): number;
  luaopen_math(L: LuaState): number;
  luaopen_os(L: LuaState): number;
  luaopen_coroutine(L: LuaState): number;
}

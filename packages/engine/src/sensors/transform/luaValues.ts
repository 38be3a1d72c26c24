/**
 * JSON ↔ Lua tables exactly as Argo Events converts them (`mapToTable` / `toGoValue` in
 * `pkg/sensors/dependencies/transform.go`, on top of gopher-lua's table layout). Quirks kept on purpose:
 * - into Lua: `null` values are dropped; inside arrays, `null` and nested arrays are dropped too, so later
 *   items shift down (`[1, null, [2], 3]` becomes `{1, 3}`); an empty array becomes an empty table;
 * - out of Lua: a table whose highest positive integer key below 2^26 is N > 0 becomes an array of N items
 *   (holes are `null`, every other key is dropped); otherwise it becomes an object whose keys are the
 *   stringified keys (`1.5`, `-1`, `true`); `{}` is an object unless its metatable has `__is_array = true`;
 * - functions, NaN and ±Inf cannot be marshalled, which fails the transform.
 */
import { fengari, type LuaState } from "./fengariRuntime.ts";
import { luaNumberToString } from "./goFormat.ts";

const { lua } = fengari;
const MAX_ARRAY_INDEX = 67108864;

/** Pushes Argo's `mapToTable(object)` onto the Lua stack. */
export function pushObjectTable(L: LuaState, object: Record<string, unknown>): void {
  lua.lua_createtable(L, 0, 0);
  for (const [key, value] of Object.entries(object)) {
    if (!pushMember(L, value)) continue;
    lua.lua_setfield(L, -2, fengari.to_luastring(key));
  }
}

/** Pushes one object member; returns false (pushing nothing) for values Argo skips. */
function pushMember(L: LuaState, value: unknown): boolean {
  if (typeof value === "number") lua.lua_pushnumber(L, value);
  else if (typeof value === "string") lua.lua_pushstring(L, fengari.to_luastring(value));
  else if (typeof value === "boolean") lua.lua_pushboolean(L, value);
  else if (Array.isArray(value)) pushArrayTable(L, value);
  else if (isRecord(value)) pushObjectTable(L, value);
  else return false;
  return true;
}

function pushArrayTable(L: LuaState, items: readonly unknown[]): void {
  lua.lua_createtable(L, items.length, 0);
  let n = 0;
  for (const item of items) {
    // Argo's slice conversion only knows maps, float64, string and bool.
    if (Array.isArray(item) || item === null || item === undefined) continue;
    if (!pushMember(L, item)) continue;
    lua.lua_rawseti(L, -2, ++n);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The outcome of converting a Lua value back to JSON-ready data. */
export type ToJsonResult = { ok: true; value: unknown } | { ok: false; error: string };

/** Argo's `toGoValue` for the value at `index`, as plain JS data ready for `marshalGoJson`. */
export function luaToJson(L: LuaState, index: number): ToJsonResult {
  try {
    return { ok: true, value: toValue(L, lua.lua_absindex(L, index), new Set(), { next: 1, ids: new Map() }) };
  } catch (cause) {
    if (cause instanceof ConversionError) return { ok: false, error: cause.message };
    throw cause;
  }
}

class ConversionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConversionError";
  }
}

interface Names {
  next: number;
  ids: Map<object, number>;
}

function toValue(L: LuaState, index: number, seen: Set<object>, names: Names): unknown {
  const type = lua.lua_type(L, index);
  switch (type) {
    case lua.LUA_TNIL:
      return null;
    case lua.LUA_TBOOLEAN:
      return lua.lua_toboolean(L, index);
    case lua.LUA_TSTRING:
      return decodeGoString(lua.lua_tostring(L, index), "mark");
    case lua.LUA_TNUMBER: {
      const n = lua.lua_tonumber(L, index);
      if (!Number.isFinite(n)) throw new ConversionError(`json: unsupported value: ${luaNumberToString(n)}`);
      return n;
    }
    case lua.LUA_TTABLE:
      return tableToValue(L, index, seen, names);
    case lua.LUA_TFUNCTION:
      throw new ConversionError("json: unsupported type: lua.LGFunction");
    default:
      throw new ConversionError("json: unsupported type in script output");
  }
}

function tableToValue(L: LuaState, index: number, seen: Set<object>, names: Names): unknown {
  const pointer = lua.lua_topointer(L, index);
  // Argo would recurse until the Go stack overflows; an error is the kinder outcome.
  if (seen.has(pointer)) throw new ConversionError("json: unsupported value: encountered a cycle");
  seen.add(pointer);
  try {
    const maxN = highestArrayKey(L, index);
    if (maxN > 0 || hasArrayFlag(L, index)) {
      const array: unknown[] = [];
      for (let i = 1; i <= maxN; i++) {
        lua.lua_rawgeti(L, index, i);
        array.push(toValue(L, lua.lua_gettop(L), seen, names));
        lua.lua_pop(L, 1);
      }
      return array;
    }
    const object: Record<string, unknown> = {};
    lua.lua_pushnil(L);
    while (lua.lua_next(L, index)) {
      const top = lua.lua_gettop(L);
      object[keyString(L, top - 1, names)] = toValue(L, top, seen, names);
      lua.lua_pop(L, 1);
    }
    return object;
  } finally {
    seen.delete(pointer);
  }
}

/** gopher-lua's `MaxN()`: positive integer keys below 2^26 live in the array part, padded with nils. */
function highestArrayKey(L: LuaState, index: number): number {
  let max = 0;
  lua.lua_pushnil(L);
  while (lua.lua_next(L, index)) {
    if (lua.lua_type(L, -2) === lua.LUA_TNUMBER) {
      const key = lua.lua_tonumber(L, -2);
      if (Number.isInteger(key) && key > max && key < MAX_ARRAY_INDEX) max = key;
    }
    lua.lua_pop(L, 1);
  }
  return max;
}

function hasArrayFlag(L: LuaState, index: number): boolean {
  if (!lua.lua_getmetatable(L, index)) return false;
  lua.lua_pushstring(L, fengari.to_luastring("__is_array"));
  lua.lua_rawget(L, -2);
  const flag = lua.lua_type(L, -1) === lua.LUA_TBOOLEAN && lua.lua_toboolean(L, -1);
  lua.lua_pop(L, 2);
  return flag;
}

/** `LValue.String()` of a table key. */
function keyString(L: LuaState, index: number, names: Names): string {
  const type = lua.lua_type(L, index);
  if (type === lua.LUA_TSTRING) return decodeGoString(lua.lua_tostring(L, index), "mark");
  if (type === lua.LUA_TNUMBER) return luaNumberToString(lua.lua_tonumber(L, index));
  if (type === lua.LUA_TBOOLEAN) return lua.lua_toboolean(L, index) ? "true" : "false";
  // Go prints a pointer here; any stable unique name will do.
  const pointer = lua.lua_topointer(L, index);
  let id = names.ids.get(pointer);
  if (id === undefined) {
    id = names.next++;
    names.ids.set(pointer, id);
  }
  const kind = type === lua.LUA_TTABLE ? "table" : type === lua.LUA_TFUNCTION ? "function" : "userdata";
  return `${kind}: 0x${id.toString(16).padStart(12, "0")}`;
}

/**
 * Lua strings are bytes. Go's encoder replaces each byte that is not part of valid UTF-8 with `\ufffd`; a
 * `TextDecoder` would sometimes replace a whole broken sequence with one, so this decodes byte by byte.
 * With `"mark"` such a byte becomes a lone surrogate, which `marshalGoJson` writes as the escape `\ufffd`
 * (Go escapes broken bytes but writes a real U+FFFD character as is).
 */
export function decodeGoString(bytes: Uint8Array, invalid: "replace" | "mark" = "replace"): string {
  const broken = invalid === "mark" ? "\udcff" : "\ufffd";
  let out = "";
  let i = 0;
  while (i < bytes.length) {
    const b0 = bytes[i] as number;
    if (b0 < 0x80) {
      let j = i;
      while (j < bytes.length && (bytes[j] as number) < 0x80) j++;
      out += String.fromCharCode(...bytes.subarray(i, j));
      i = j;
      continue;
    }
    const decoded = decodeRune(bytes, i);
    out += decoded === undefined ? broken : String.fromCodePoint(decoded.rune);
    i += decoded === undefined ? 1 : decoded.size;
  }
  return out;
}

function decodeRune(bytes: Uint8Array, i: number): { rune: number; size: number } | undefined {
  const b0 = bytes[i] as number;
  const cont = (k: number, lo = 0x80, hi = 0xbf): number | undefined => {
    const b = bytes[i + k];
    return b !== undefined && b >= lo && b <= hi ? b & 0x3f : undefined;
  };
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    const c1 = cont(1);
    return c1 === undefined ? undefined : { rune: ((b0 & 0x1f) << 6) | c1, size: 2 };
  }
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const c1 = cont(1, b0 === 0xe0 ? 0xa0 : 0x80, b0 === 0xed ? 0x9f : 0xbf);
    const c2 = cont(2);
    return c1 === undefined || c2 === undefined ? undefined : { rune: ((b0 & 0x0f) << 12) | (c1 << 6) | c2, size: 3 };
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const c1 = cont(1, b0 === 0xf0 ? 0x90 : 0x80, b0 === 0xf4 ? 0x8f : 0xbf);
    const c2 = cont(2);
    const c3 = cont(3);
    if (c1 === undefined || c2 === undefined || c3 === undefined) return undefined;
    return { rune: ((b0 & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3, size: 4 };
  }
  return undefined;
}

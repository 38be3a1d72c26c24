/**
 * gjson `Result` methods: `Parse`, `String()`, `Bool()`, `Float()`, `Int()`, `Value()`, `Array()` and
 * `ForEach`. Pure; never throws on malformed raw text.
 */

import { formatFloatF, goInt64, parseGoFloat, parseGoInt } from "./number.ts";
import { any, parseAny, parseString, scan, tolitEnd, tonumEnd, tostr } from "./scan.ts";
import { unescape } from "./unescape.ts";
import { emptyRes, exists, res, type GjsonType, type Res } from "./types.ts";

/** gjson `Parse`: the first value in `json`. Objects and arrays take the entire rest of the text as raw. */
export function parse(json: string): Res {
  const n = json.length;
  for (let i = 0; i < n; i++) {
    const c = json.charCodeAt(i);
    if (c === 123 || c === 91) return mk("JSON", json.slice(i), i);
    if (c <= 32) continue;
    switch (c) {
      case 43:
      case 45:
      case 48:
      case 49:
      case 50:
      case 51:
      case 52:
      case 53:
      case 54:
      case 55:
      case 56:
      case 57:
      case 105:
      case 73:
      case 78:
        return num(json, i);
      case 110:
        if (i + 1 < n && json.charCodeAt(i + 1) !== 117) return num(json, i);
        return mk("Null", json.slice(i, tolitEnd(json, i)), i);
      case 116:
        return mk("True", json.slice(i, tolitEnd(json, i)), i);
      case 102:
        return mk("False", json.slice(i, tolitEnd(json, i)), i);
      case 34: {
        const str = tostr(json, i);
        const r = mk("String", scan.raw, i);
        r.str = str;
        return r;
      }
      default:
        return emptyRes();
    }
  }
  return emptyRes();
}

function num(json: string, i: number): Res {
  const r = mk("Number", json.slice(i, tonumEnd(json, i)), i);
  r.num = parseGoFloat(r.raw);
  return r;
}

/** Parse's result: positioned at `i` when it exists. */
function mk(type: GjsonType, raw: string, i: number): Res {
  const r = res(type, raw, i);
  if (exists(r)) r.index = i;
  return r;
}

/** gjson `Result.String()`. Integers keep their raw text; other numbers use `FormatFloat(f, 'f', -1, 64)`. */
export function toString(r: Res): string {
  switch (r.type) {
    case "False":
      return "false";
    case "True":
      return "true";
    case "String":
      return r.str;
    case "JSON":
      return r.raw;
    case "Number": {
      const raw = r.raw;
      if (raw.length === 0) return formatFloatF(r.num);
      let i = raw.charCodeAt(0) === 45 ? 1 : 0;
      for (; i < raw.length; i++) {
        const c = raw.charCodeAt(i);
        if (c < 48 || c > 57) return formatFloatF(r.num);
      }
      return raw;
    }
    default:
      return "";
  }
}

/** Go's `strconv.ParseBool(strings.ToLower(s))`; null when it fails. */
export function parseBoolLower(s: string): boolean | null {
  if (s.length > 5) return null;
  switch (s.toLowerCase()) {
    case "1":
    case "t":
    case "true":
      return true;
    case "0":
    case "f":
    case "false":
      return false;
    default:
      return null;
  }
}

/** gjson `Result.Bool()`. */
export function toBool(r: Res): boolean {
  switch (r.type) {
    case "True":
      return true;
    case "String":
      return parseBoolLower(r.str) ?? false;
    case "Number":
      return r.num !== 0;
    default:
      return false;
  }
}

/** gjson `Result.Float()`. */
export function toFloat(r: Res): number {
  switch (r.type) {
    case "True":
      return 1;
    case "String":
      return parseGoFloat(r.str);
    case "Number":
      return r.num;
    default:
      return 0;
  }
}

/** gjson `Result.Int()` (precision beyond 2^53 is not kept; only sjson's `#` count and `@pretty` use it). */
export function toInt(r: Res): number {
  switch (r.type) {
    case "True":
      return 1;
    case "String":
      return parseGoInt(r.str) ?? 0;
    case "Number": {
      const f = r.num;
      if (!(f < -9007199254740991 || f > 9007199254740991)) return goInt64(f);
      return parseGoInt(r.raw) ?? goInt64(f);
    }
    default:
      return 0;
  }
}

/**
 * gjson `Result.ForEach`. Objects call back with (key, value); arrays with a Number key; a scalar calls back
 * once with an empty key. The callback returns false to stop.
 */
export function forEach(t: Res, fn: (key: Res, value: Res) => boolean): void {
  if (!exists(t)) return;
  if (t.type !== "JSON") {
    fn(emptyRes(), t);
    return;
  }
  const json = t.raw;
  const n = json.length;
  let obj = false;
  let i = 0;
  let arrayKey = -1;
  for (; i < n; i++) {
    const c = json.charCodeAt(i);
    if (c === 123) {
      i++;
      obj = true;
      break;
    }
    if (c === 91) {
      i++;
      break;
    }
    if (c > 32) return;
  }
  let idx = 0;
  for (; i < n; i++) {
    let key: Res;
    if (obj) {
      if (json.charCodeAt(i) !== 34) continue;
      const s = i;
      i = parseString(json, i + 1);
      if (!scan.ok) return;
      const raw = scan.raw;
      const str = scan.esc ? unescape(raw.slice(1, -1)) : raw.slice(1, -1);
      key = { type: "String", raw, str, num: 0, index: s + t.index, indexes: null, at: -1 };
    } else {
      arrayKey++;
      key = { type: "Number", raw: "", str: "", num: arrayKey, index: 0, indexes: null, at: -1 };
    }
    for (; i < n; i++) {
      const c = json.charCodeAt(i);
      if (c <= 32 || c === 44 || c === 58) continue;
      break;
    }
    const s = i;
    i = parseAny(json, i);
    if (!any.ok) return;
    const value = any.res;
    if (t.indexes !== null) {
      if (idx < t.indexes.length) value.index = t.indexes[idx] ?? 0;
    } else value.index = s + t.index;
    if (!fn(key, value)) return;
    idx++;
  }
}

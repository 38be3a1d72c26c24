/**
 * gjson `Result.Array()` and `Result.Value()`: the element walk of gjson's `arrayOrMap`, which is looser
 * than ForEach (it pairs any two values as key and value). Pure.
 */

import { parseGoFloat } from "./number.ts";
import { scan, squash, tolitEnd, tonumEnd, tostr } from "./scan.ts";
import type { Res } from "./types.ts";

/** gjson `Result.Array()`. */
export function toArray(t: Res): Res[] {
  if (t.type === "Null") return [];
  if (!(t.type === "JSON" && t.raw.charCodeAt(0) === 91)) return [t];
  const out: Res[] = [];
  scanElements(t.raw, 91, (v) => out.push(v));
  return out;
}

/**
 * The element walk of gjson's `arrayOrMap`: finds the opening `vc` (or either bracket when vc is 0) and
 * hands each scalar or container to `emit`. Returns the opening character found, or 0.
 */
function scanElements(json: string, vc: number, emit: (v: Res) => void): number {
  const n = json.length;
  let i = 0;
  let open = 0;
  for (; i < n; i++) {
    const c = json.charCodeAt(i);
    if (vc === 0 ? c === 123 || c === 91 : c === vc) {
      open = c;
      i++;
      break;
    }
    if (c > 32) return 0;
  }
  if (open === 0) return 0;
  for (; i < n; i++) {
    const c = json.charCodeAt(i);
    if (c <= 32) continue;
    if (c === 93 || c === 125) break;
    let v: Res;
    if ((c >= 48 && c <= 57) || c === 45) {
      const raw = json.slice(i, tonumEnd(json, i));
      v = { type: "Number", raw, str: "", num: parseGoFloat(raw), index: 0, indexes: null, at: -1 };
    } else if (c === 123 || c === 91) {
      v = { type: "JSON", raw: squash(json.slice(i)), str: "", num: 0, index: 0, indexes: null, at: -1 };
    } else if (c === 110 || c === 116 || c === 102) {
      const type = c === 110 ? "Null" : c === 116 ? "True" : "False";
      v = { type, raw: json.slice(i, tolitEnd(json, i)), str: "", num: 0, index: 0, indexes: null, at: -1 };
    } else if (c === 34) {
      const str = tostr(json, i);
      v = { type: "String", raw: scan.raw, str, num: 0, index: 0, indexes: null, at: -1 };
    } else continue;
    i += v.raw.length - 1;
    emit(v);
  }
  return open;
}

/** A plain object that also accepts `__proto__` as an ordinary key. */
function setKey(o: Record<string, unknown>, k: string, v: unknown): void {
  if (Object.prototype.hasOwnProperty.call(o, k)) return; // gjson keeps the first duplicate
  if (k === "__proto__")
    Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}

/**
 * gjson `Result.Value()` as a JS value: boolean, number, string, null, plain object or array. Duplicate
 * object keys keep the first value, as gjson does.
 */
export function toValue(t: Res): unknown {
  switch (t.type) {
    case "String":
      return t.str;
    case "False":
      return false;
    case "True":
      return true;
    case "Number":
      return t.num;
    case "JSON": {
      const items: Res[] = [];
      const open = scanElements(t.raw, 0, (v) => items.push(v));
      if (open === 91) return items.map(toValue);
      if (open !== 123) return null;
      const o: Record<string, unknown> = {};
      for (let k = 0; k + 1 < items.length; k += 2) {
        const key = items[k];
        const val = items[k + 1];
        if (key !== undefined && val !== undefined) setKey(o, key.str, toValue(val));
      }
      return o;
    }
    default:
      return null;
  }
}

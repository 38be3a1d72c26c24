/**
 * sjson's write algorithm: find the existing value with gjson and splice the new text in place (keeping
 * the rest of the document byte for byte), or build the missing tail of the path as new objects/arrays.
 * Complex paths (queries, wildcards) replace every value gjson finds. Pure.
 */

import { get } from "../gjson/get.ts";
import { forEach, parse, toInt } from "../gjson/result.ts";
import { toArray } from "../gjson/value.ts";
import { trimCtl } from "../gjson/text.ts";
import { exists } from "../gjson/types.ts";
import { SjsonError } from "./errors.ts";
import { stringify } from "./marshal.ts";
import { atoui, parsePath, type PathPart } from "./path.ts";

/** sjson's `errNoChange`: the caller returns the input unchanged. */
const NO_CHANGE = Symbol("no change");

interface Write {
  raw: string;
  quote: boolean;
  del: boolean;
}

function valueOf(w: Write): string {
  return w.quote ? stringify(w.raw) : w.raw;
}

/** One simple-path write: its components, the write, and the output built so far (sjson's `buf`). */
interface Job {
  paths: PathPart[];
  w: Write;
  buf: string;
}

/** sjson `appendBuild`: the JSON for a path that does not exist yet. */
function build(job: Job, array: boolean, at: number): string {
  const { paths, w } = job;
  const head = paths[at];
  if (head === undefined) return "";
  let out = array ? "" : stringify(head.part) + ":";
  const next = paths[at + 1];
  if (next === undefined) return out + valueOf(w);
  const n = atoui(next);
  if (n !== null || (!next.force && next.part === "-1")) {
    out += "[" + "null,".repeat(n ?? 0) + build(job, true, at + 1) + "]";
  } else {
    out += "{" + build(job, false, at + 1) + "}";
  }
  return out;
}

/** sjson `deleteTailItem`: drops the key (or comma) before a deleted value; true asks to eat the next comma. */
function deleteTailItem(buf: string): [string, boolean] {
  outer: for (let i = buf.length - 1; i >= 0; i--) {
    const c = buf.charCodeAt(i);
    if (c === 91) return [buf, true];
    if (c === 44) return [buf.slice(0, i), false];
    if (c !== 58) continue;
    for (i--; i >= 0; i--) {
      if (buf.charCodeAt(i) !== 34) continue;
      for (i--; i >= 0; i--) {
        if (buf.charCodeAt(i) !== 34) continue;
        i--;
        if (i >= 0 && buf.charCodeAt(i) === 92) {
          i--;
          continue;
        }
        for (; i >= 0; i--) {
          const d = buf.charCodeAt(i);
          if (d === 123) return [buf.slice(0, i + 1), true];
          if (d === 44) return [buf.slice(0, i), false];
        }
      }
      break;
    }
    break outer;
  }
  return [buf, false];
}

/** sjson `appendRawPaths` for `paths[at:]` inside `jstr`; returns the whole output (job.buf included). */
function appendRawPaths(job: Job, jstr: string, at: number): string | typeof NO_CHANGE {
  const { paths, w } = job;
  const head = paths[at];
  if (head === undefined) return job.buf;
  let res = null;
  if (w.del && head.part === "-1" && !head.force) {
    const count = toInt(get(jstr, "#"));
    if (count > 0) res = get(jstr, String(count - 1));
  }
  res ??= get(jstr, head.gpart);
  if (res.index > 0) {
    const before = jstr.slice(0, res.index);
    if (at + 1 < paths.length) {
      job.buf += before;
      const inner = appendRawPaths(job, res.raw, at + 1);
      if (inner === NO_CHANGE) return NO_CHANGE;
      return inner + jstr.slice(res.index + res.raw.length);
    }
    let out = job.buf + before;
    let skip = 0;
    if (w.del) {
      const [trimmed, eatComma] = deleteTailItem(out);
      out = trimmed;
      if (eatComma) {
        for (let i = res.index + res.raw.length, j = 0; i < jstr.length; i++, j++) {
          const c = jstr.charCodeAt(i);
          if (c <= 32) continue;
          if (c === 44) skip = j + 1;
          break;
        }
      }
    } else out += valueOf(w);
    return out + jstr.slice(res.index + res.raw.length + skip);
  }
  if (w.del) return NO_CHANGE;
  const n = atoui(head);
  const numeric = n !== null;
  let doc = jstr;
  if (trimCtl(doc).length === 0) doc = numeric ? "[]" : "{}";
  let js = parse(doc);
  if (js.type !== "JSON") js = parse(numeric ? "[]" : "{}");
  const raw = js.raw;
  let comma = false;
  for (let i = 1; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c <= 32) continue;
    comma = c !== 125 && c !== 93;
    break;
  }
  if (raw.charCodeAt(0) === 123) {
    let end = raw.length - 1;
    while (end > 0 && raw.charCodeAt(end) !== 125) end--;
    return job.buf + raw.slice(0, end) + (comma ? "," : "") + build(job, false, at) + "}";
  }
  if (!numeric) {
    if (head.part !== "-1" || head.force) {
      throw new SjsonError("NON_NUMERIC_ARRAY_KEY", "cannot set array element for non-numeric key '" + head.part + "'");
    }
    let body = trimCtl(raw);
    if (body.charCodeAt(body.length - 1) === 93) body = body.slice(0, -1);
    return job.buf + body + (comma ? "," : "") + build(job, true, at) + "]";
  }
  const items = toArray(js);
  let out = job.buf + "[" + items.map((r) => r.raw).join(",");
  if (items.length === 0) out += "null,".repeat(Math.max(0, n - items.length));
  else out += ",null".repeat(Math.max(0, n - items.length)) + (comma ? "," : "");
  return out + build(job, true, at) + "]";
}

/** sjson `setComplexPath`: replaces the value (or each value) a complex gjson path finds. */
function setComplexPath(jstr: string, path: string, w: Write): string | typeof NO_CHANGE {
  const res = get(jstr, path);
  const indexes = res.indexes ?? [];
  if (!exists(res) || (res.index === 0 && indexes.length === 0)) return NO_CHANGE;
  const value = valueOf(w);
  let doc = jstr;
  if (res.index !== 0) doc = doc.slice(0, res.index) + value + doc.slice(res.index + res.raw.length);
  if (indexes.length > 0) {
    const vals: { index: number; len: number }[] = [];
    forEach(res, (_, v) => {
      vals.push({ index: 0, len: v.raw.length });
      return true;
    });
    if (vals.length !== indexes.length) return NO_CHANGE;
    vals.forEach((v, i) => (v.index = indexes[i] ?? 0));
    vals.sort((a, b) => b.index - a.index);
    for (const v of vals) doc = doc.slice(0, v.index) + value + doc.slice(v.index + v.len);
  }
  return doc;
}

/** sjson `set`: the shared body of Set, SetRaw and Delete. Throws {@link SjsonError}. */
export function write(jstr: string, path: string, w: Write): string {
  if (path === "") throw new SjsonError("EMPTY_PATH", "path cannot be empty");
  const paths: PathPart[] = [];
  let r = parsePath(path);
  while (r !== null) {
    paths.push(r);
    if (!r.more) break;
    r = parsePath(r.path);
  }
  let out: string | typeof NO_CHANGE;
  if (r === null) {
    if (w.del) throw new SjsonError("COMPLEX_DELETE", "cannot delete value from a complex path");
    out = setComplexPath(jstr, path, w);
  } else {
    out = appendRawPaths({ paths, w, buf: "" }, jstr, 0);
  }
  return out === NO_CHANGE ? jstr : out;
}

/**
 * tidwall/pretty v1.2.0 as gjson's `@pretty` and `@ugly` use it: same layout decisions, same single-line
 * arrays within `width` bytes (UTF-8 bytes, not UTF-16 units), same key sorting. Pure.
 */

import { sortPairs, type Pair } from "./prettySort.ts";
import { utf8Length } from "./text.ts";

/** Layout options of `@pretty`. */
export interface PrettyOptions {
  width: number;
  prefix: string;
  indent: string;
  sortKeys: boolean;
}

export const DEFAULT_PRETTY: PrettyOptions = { width: 80, prefix: "", indent: "  ", sortKeys: false };

/** Output buffer that tracks both UTF-16 length (for slicing) and UTF-8 length (for widths). */
class Buf {
  parts: string[] = [];
  ulen = 0;
  blen = 0;
  push(s: string): void {
    if (s.length === 0) return;
    this.parts.push(s);
    this.ulen += s.length;
    this.blen += utf8Length(s);
  }
  last(): number {
    const p = this.parts[this.parts.length - 1];
    return p === undefined ? -1 : p.charCodeAt(p.length - 1);
  }
  /** Replaces a trailing space with a newline (same length in both units). */
  spaceToNewline(): void {
    const p = this.parts.pop() ?? " ";
    this.parts.push(p.slice(0, -1) + "\n");
  }
  text(): string {
    if (this.parts.length > 1) this.parts = [this.parts.join("")];
    return this.parts[0] ?? "";
  }
}

interface Job {
  json: string;
  buf: Buf;
  width: number;
  prefix: string;
  indent: string;
}

/** Layout state of one level: pretty's `pretty, sortkeys, tabs, nl, max` parameters. */
interface Frame {
  pretty: boolean;
  sortkeys: boolean;
  tabs: number;
  /** Byte offset of the last line break (for widths). */
  nl: number;
  /** Byte budget of a single-line array attempt, or -1. */
  max: number;
}

/** Second and third return values of the appenders (pretty returns `(buf, i, nl, ok)`). */
const st = { nl: 0, ok: true };

function isNaNOrInf(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return (
    c === 105 || c === 73 || c === 43 || c === 78 || (c === 110 && i + 1 < s.length && s.charCodeAt(i + 1) !== 117)
  );
}

function appendAny(j: Job, i: number, f: Frame): number {
  const json = j.json;
  const nl = f.nl;
  for (; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c <= 32) continue;
    if (c === 34) return appendString(j, i, nl);
    if ((c >= 48 && c <= 57) || c === 45 || isNaNOrInf(json, i)) return appendNumber(j, i, nl);
    if (c === 123 || c === 91) return appendObject(j, i, f);
    const word = c === 116 ? "true" : c === 102 ? "false" : c === 110 ? "null" : "";
    if (word !== "") {
      j.buf.push(word);
      st.nl = nl;
      st.ok = true;
      return i + word.length;
    }
  }
  st.nl = nl;
  st.ok = true;
  return i;
}

function appendString(j: Job, i: number, nl: number): number {
  const json = j.json;
  const s = i;
  for (i++; i < json.length; i++) {
    if (json.charCodeAt(i) !== 34) continue;
    let sc = 0;
    for (let k = i - 1; k > s && json.charCodeAt(k) === 92; k--) sc++;
    if (sc % 2 === 1) continue;
    i++;
    break;
  }
  j.buf.push(json.slice(s, i));
  st.nl = nl;
  st.ok = true;
  return i;
}

function appendNumber(j: Job, i: number, nl: number): number {
  const json = j.json;
  const s = i;
  for (i++; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c <= 32 || c === 44 || c === 58 || c === 93 || c === 125) break;
  }
  j.buf.push(json.slice(s, i));
  st.nl = nl;
  st.ok = true;
  return i;
}

function appendTabs(j: Job, tabs: number): void {
  j.buf.push(j.prefix);
  j.buf.push(j.indent.repeat(tabs));
}

function newline(j: Job): number {
  const nl = j.buf.blen;
  if (j.buf.last() === 32) j.buf.spaceToNewline();
  else j.buf.push("\n");
  return nl;
}

/** `json[i]` is the `{` or `[` to lay out. */
function appendObject(j: Job, i: number, f: Frame): number {
  const { json, buf, width } = j;
  const open = json.charCodeAt(i);
  const { pretty, tabs, max } = f;
  let { sortkeys, nl } = f;
  const close = open + 2;
  if (width > 0) {
    if (pretty && open === 91 && max === -1) {
      const room = width - (buf.blen - nl);
      if (room > 3) {
        const mark = { parts: buf.parts.length, ulen: buf.ulen, blen: buf.blen };
        const inner: Job = { json, buf, width, prefix: j.prefix, indent: "" };
        const end = appendObject(inner, i, { pretty: false, sortkeys, tabs: 0, nl: 0, max: room });
        if (st.ok && buf.blen - mark.blen <= room) {
          st.nl = nl;
          st.ok = true;
          return end;
        }
        buf.parts.length = mark.parts;
        buf.ulen = mark.ulen;
        buf.blen = mark.blen;
      }
    } else if (max !== -1 && open === 123) {
      st.nl = nl;
      st.ok = false;
      return i;
    }
  }
  buf.push(String.fromCharCode(open));
  i++;
  const pairs: Pair[] = [];
  let n = 0;
  for (; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c <= 32) continue;
    if (c === close) {
      if (pretty) {
        if (open === 123 && sortkeys) sortPairs(json, buf, pairs);
        if (n > 0) nl = newline(j);
        if (buf.last() !== open) appendTabs(j, tabs);
      }
      buf.push(String.fromCharCode(close));
      st.nl = nl;
      st.ok = open !== 123;
      return i + 1;
    }
    if (open === 91 || c === 34) {
      if (n > 0) {
        buf.push(",");
        if (width !== -1 && open === 91) buf.push(" ");
      }
      const p: Pair = { kstart: 0, kend: 0, vstart: 0, vend: 0 };
      if (pretty) {
        nl = newline(j);
        if (open === 123 && sortkeys) {
          p.kstart = i;
          p.vstart = buf.ulen;
        }
        appendTabs(j, tabs + 1);
      }
      if (open === 123) {
        i = appendString(j, i, nl);
        nl = st.nl;
        if (sortkeys) p.kend = i;
        buf.push(pretty ? ": " : ":");
      }
      i = appendAny(j, i, { pretty, sortkeys, tabs: tabs + 1, nl, max });
      nl = st.nl;
      if (max !== -1 && !st.ok) {
        st.ok = false;
        return i;
      }
      if (pretty && open === 123 && sortkeys) {
        p.vend = buf.ulen;
        if (p.kstart > p.kend || p.vstart > p.vend) sortkeys = false;
        else pairs.push(p);
      }
      i--;
      n++;
    }
  }
  st.nl = nl;
  st.ok = open !== 123;
  return i;
}

/** pretty `PrettyOptions(json, opts)`. */
export function prettyJson(json: string, opts: PrettyOptions): string {
  const buf = new Buf();
  buf.push(opts.prefix);
  const j: Job = { json, buf, width: opts.width, prefix: opts.prefix, indent: opts.indent };
  appendAny(j, 0, { pretty: true, sortkeys: opts.sortKeys, tabs: 0, nl: 0, max: -1 });
  if (buf.ulen > 0) buf.push("\n");
  return buf.text();
}

/** pretty `Ugly(json)`: drops every byte <= ' ' outside strings. */
export function uglyJson(src: string): string {
  let out = "";
  let start = -1;
  const n = src.length;
  for (let i = 0; i < n; i++) {
    const c = src.charCodeAt(i);
    if (c <= 32) {
      if (start >= 0) {
        out += src.slice(start, i);
        start = -1;
      }
      continue;
    }
    if (start < 0) start = i;
    if (c !== 34) continue;
    for (i++; i < n; i++) {
      if (src.charCodeAt(i) !== 34) continue;
      let k = i - 1;
      while (src.charCodeAt(k) === 92) k--;
      if ((i - k) % 2 !== 0) break;
    }
  }
  if (start >= 0) out += src.slice(start);
  return out;
}

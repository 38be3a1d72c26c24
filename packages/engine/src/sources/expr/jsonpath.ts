/**
 * The `jsonpath(jsonString, path)` function of Argo Events' EventSource filters (evilmonkeyinc/jsonpath v0.8.1 in
 * Argo). Supported subset: `$`, `.key`, `['key']`/`["key"]`, `[n]` (negative counts from the end), `.length` of an
 * array, and the indefinite selectors `*`/`[*]`, `..key`, `[a:b]`, `[i,j]`/`['a','b']` (which make the result an
 * array). Filter expressions `[?(…)]` and script expressions are not supported and fail. A missing key or index is
 * an error, as in Argo, except below an indefinite selector, where the element is skipped. Pure.
 */
import { compareGoStrings } from "./goFormat.ts";
import { goJsonParse } from "./goJson.ts";
import { ExprPanic, isMap } from "./runtime.ts";

type Selector =
  | { kind: "key"; name: string }
  | { kind: "index"; index: number }
  | { kind: "wildcard" }
  | { kind: "recursive"; name: string }
  | { kind: "slice"; start?: number; end?: number }
  | { kind: "union"; items: (string | number)[] };

function unquote(text: string): string | number {
  const t = text.trim();
  const quoted = /^'(.*)'$/.exec(t) ?? /^"(.*)"$/.exec(t);
  if (quoted) return quoted[1] ?? "";
  if (/^-?\d+$/.test(t)) return Number(t);
  throw new ExprPanic(`invalid JSONPath selector '${t}'`);
}

function parsePath(path: string): Selector[] {
  if (!path.startsWith("$"))
    throw new ExprPanic(`invalid JSONPath selector '${path}' unexpected token '${path[0] ?? ""}' at index 0`);
  const selectors: Selector[] = [];
  let rest = path.slice(1);
  while (rest.length > 0) {
    let m: RegExpExecArray | null;
    if ((m = /^\.\.([A-Za-z0-9_$-]+)/.exec(rest))) selectors.push({ kind: "recursive", name: m[1] ?? "" });
    else if ((m = /^\.\*/.exec(rest)) || (m = /^\[\*\]/.exec(rest))) selectors.push({ kind: "wildcard" });
    else if ((m = /^\.([^.[\]]+)/.exec(rest))) selectors.push({ kind: "key", name: m[1] ?? "" });
    else if ((m = /^\[(-?\d*):(-?\d*)\]/.exec(rest))) {
      selectors.push({ kind: "slice", start: m[1] ? Number(m[1]) : undefined, end: m[2] ? Number(m[2]) : undefined });
    } else if ((m = /^\[\s*\?/.exec(rest)))
      throw new ExprPanic("jsonpath filter expressions are not supported by Signalbox");
    else if ((m = /^\[((?:'[^']*'|"[^"]*"|[^\]])*)\]/.exec(rest))) {
      const parts = (m[1] ?? "").match(/'[^']*'|"[^"]*"|[^,]+/g) ?? [];
      const items = parts.map(unquote);
      if (items.length === 1) {
        const item = items[0] as string | number;
        selectors.push(typeof item === "number" ? { kind: "index", index: item } : { kind: "key", name: item });
      } else selectors.push({ kind: "union", items });
    } else throw new ExprPanic(`invalid JSONPath selector '${rest}'`);
    rest = rest.slice(m[0].length);
  }
  return selectors;
}

function key(value: unknown, name: string): unknown {
  if (Array.isArray(value) && name === "length") return BigInt(value.length);
  if (!isMap(value))
    throw new ExprPanic(
      `key: invalid token target. expected [map] got [${Array.isArray(value) ? "slice" : typeof value === "number" ? "float64" : typeof value}]`,
    );
  if (!Object.hasOwn(value, name)) throw new ExprPanic(`key: invalid token key '${name}' not found`);
  return value[name] ?? null;
}

function index(value: unknown, i: number): unknown {
  if (!Array.isArray(value)) throw new ExprPanic("index: invalid token target. expected [array slice] got [map]");
  const at = i < 0 ? value.length + i : i;
  if (at < 0 || at >= value.length) throw new ExprPanic("index: invalid token out of range");
  return value[at] ?? null;
}

function children(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (isMap(value))
    return Object.keys(value)
      .sort(compareGoStrings)
      .map((k) => value[k] ?? null);
  return [];
}

function descend(value: unknown, name: string, out: unknown[]): void {
  if (isMap(value) && Object.hasOwn(value, name)) out.push(value[name] ?? null);
  for (const child of children(value)) descend(child, name, out);
}

function apply(selector: Selector, value: unknown): unknown[] {
  switch (selector.kind) {
    case "key":
      return [key(value, selector.name)];
    case "index":
      return [index(value, selector.index)];
    case "wildcard":
      return children(value);
    case "recursive": {
      const out: unknown[] = [];
      descend(value, selector.name, out);
      return out;
    }
    case "slice": {
      if (!Array.isArray(value)) throw new ExprPanic("range: invalid token target. expected [array slice]");
      return value.slice(selector.start, selector.end);
    }
    case "union":
      return selector.items.map((item) => (typeof item === "number" ? index(value, item) : key(value, item)));
  }
}

/** Argo's `jsonpath` env function. */
export function jsonPath(jsonText: string, path: string): unknown {
  let current: unknown[] = [goJsonParse(jsonText)];
  let definite = true;
  for (const selector of parsePath(path)) {
    const wasDefinite = definite;
    if (selector.kind !== "key" && selector.kind !== "index") definite = false;
    current = current.flatMap((value) => {
      if (wasDefinite) return apply(selector, value);
      // Once the path has fanned out, elements without the key or index are skipped rather than fatal.
      try {
        return apply(selector, value);
      } catch (error) {
        if (error instanceof ExprPanic) return [];
        throw error;
      }
    });
  }
  return definite ? (current[0] ?? null) : current;
}

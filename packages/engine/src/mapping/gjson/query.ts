/**
 * gjson's `#(...)` queries: `parseQuery` splits one into path, operator and value, and `queryMatches`
 * compares one element (or the value its query path selected) with a `#(...)` query.
 * Strings compare bytewise (code point order), numbers as floats, booleans by gjson's small truth table;
 * `~true`/`~false`/`~null`/`~*` coerce the element first. Pure.
 */

import { matchLimit } from "./match.ts";
import { parseGoFloat } from "./number.ts";
import type { ArrayPath } from "./paths.ts";
import { parseBoolLower } from "./result.ts";
import { compareCodePoints, trimCtl } from "./text.ts";
import { emptyRes, exists, type Res } from "./types.ts";

/** A parsed `#(path op value)` query. `end` is the index just past the closing bracket. */
export interface Query {
  path: string;
  op: string;
  value: string;
  end: number;
  vesc: boolean;
}

/** gjson `parseQuery`: splits `#(first_name=="Murphy")` into path, op and value. Null when unbalanced. */
export function parseQuery(query: string): Query | null {
  const n = query.length;
  if (n < 2 || query.charCodeAt(0) !== 35) return null;
  const open = query.charCodeAt(1);
  if (open !== 40 && open !== 91) return null;
  let i = 2;
  let j = 0;
  let depth = 1;
  let vesc = false;
  for (; i < n; i++) {
    const c = query.charCodeAt(i);
    if (depth === 1 && j === 0 && (c === 33 || c === 61 || c === 60 || c === 62 || c === 37)) {
      j = i;
      continue;
    }
    if (c === 92) {
      i++;
    } else if (c === 91 || c === 40) {
      depth++;
    } else if (c === 93 || c === 41) {
      depth--;
      if (depth === 0) break;
    } else if (c === 34) {
      for (i++; i < n; i++) {
        const d = query.charCodeAt(i);
        if (d === 92) {
          vesc = true;
          i++;
        } else if (d === 34) break;
      }
    }
  }
  if (depth > 0) return null;
  if (j === 0) return { path: trimCtl(query.slice(2, i)), op: "", value: "", end: i + 1, vesc };
  const path = trimCtl(query.slice(2, j));
  let value = trimCtl(query.slice(j, i));
  let opsz = 0;
  const v0 = value.charCodeAt(0);
  const v1 = value.charCodeAt(1);
  if (value.length === 1) opsz = 1;
  else if (v0 === 33 && (v1 === 61 || v1 === 37)) opsz = 2;
  else if ((v0 === 60 || v0 === 62) && v1 === 61) opsz = 2;
  else if (v0 === 61 && v1 === 61) {
    value = value.slice(1);
    opsz = 1;
  } else if (v0 === 60 || v0 === 62 || v0 === 61 || v0 === 37) opsz = 1;
  return { path, op: value.slice(0, opsz), value: trimCtl(value.slice(opsz)), end: i + 1, vesc };
}

function trueish(t: Res): boolean {
  switch (t.type) {
    case "True":
      return true;
    case "String":
      return parseBoolLower(t.str) === true;
    case "Number":
      return t.num !== 0;
    default:
      return false;
  }
}

function falseish(t: Res): boolean {
  switch (t.type) {
    case "Null":
    case "False":
      return true;
    case "String":
      return parseBoolLower(t.str) === false;
    case "Number":
      return t.num === 0;
    default:
      return false;
  }
}

function boolRes(b: boolean): Res {
  const r = emptyRes();
  r.type = b ? "True" : "False";
  return r;
}

export function queryMatches(rp: ArrayPath, input: Res): boolean {
  let value = input;
  let rpv = rp.query.value;
  if (rpv.length > 0 && rpv.charCodeAt(0) === 126) {
    rpv = rpv.slice(1);
    let ish: boolean | null = null;
    switch (rpv) {
      case "*":
        ish = exists(value);
        break;
      case "null":
        ish = value.type === "Null";
        break;
      case "true":
        ish = trueish(value);
        break;
      case "false":
        ish = falseish(value);
        break;
    }
    if (ish !== null) {
      rpv = "true";
      value = boolRes(ish);
    } else {
      rpv = "";
      value = emptyRes();
    }
  }
  if (!exists(value)) return false;
  const op = rp.query.op;
  if (op === "") return true;
  switch (value.type) {
    case "String": {
      if (op === "%") return matchLimit(value.str, rpv);
      if (op === "!%") return !matchLimit(value.str, rpv);
      const c = compareCodePoints(value.str, rpv);
      switch (op) {
        case "=":
          return c === 0;
        case "!=":
          return c !== 0;
        case "<":
          return c < 0;
        case "<=":
          return c <= 0;
        case ">":
          return c > 0;
        case ">=":
          return c >= 0;
      }
      return false;
    }
    case "Number": {
      const n = parseGoFloat(rpv);
      switch (op) {
        case "=":
          return value.num === n;
        case "!=":
          return value.num !== n;
        case "<":
          return value.num < n;
        case "<=":
          return value.num <= n;
        case ">":
          return value.num > n;
        case ">=":
          return value.num >= n;
      }
      return false;
    }
    case "True":
      switch (op) {
        case "=":
          return rpv === "true";
        case "!=":
          return rpv !== "true";
        case ">":
          return rpv === "false";
        case ">=":
          return true;
      }
      return false;
    case "False":
      switch (op) {
        case "=":
          return rpv === "false";
        case "!=":
          return rpv !== "false";
        case "<":
          return rpv === "true";
        case "<=":
          return true;
      }
      return false;
    default:
      return false;
  }
}

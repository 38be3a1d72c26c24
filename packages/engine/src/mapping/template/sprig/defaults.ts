/**
 * sprig v3.3.0 defaults, flow control, reflection, OS and path functions.
 *
 * Deliberate difference: `env` and `expandenv` see an empty environment. Signalbox never exposes its process
 * environment to manifests, so `env "HOME"` is "" and `expandenv "$HOME/x"` is "/x".
 */

import { def, type FuncDef, GoCallError, str } from "../funcs.ts";
import { deepEqual, type GoValue, isEmpty, kindName, typeName } from "../values.ts";

const nil = (v: GoValue): GoValue => (v === undefined ? null : v);

/** os.Expand with a mapping that knows no variables. */
function expandEmptyEnv(s: string): string {
  const isSpecial = (c: string | undefined): boolean => c !== undefined && "*#$@!?-0123456789".includes(c);
  let out = "";
  let i = 0;
  for (let j = 0; j < s.length; j++) {
    if (s[j] !== "$" || j + 1 >= s.length) continue;
    out += s.slice(i, j);
    const rest = s.slice(j + 1);
    let name = "";
    let w = 0;
    if (rest[0] === "{") {
      if (rest.length > 2 && isSpecial(rest[1]) && rest[2] === "}") [name, w] = [rest.slice(1, 2), 3];
      else {
        const close = rest.indexOf("}", 1);
        if (close === 1) w = 2;
        else if (close > 1) [name, w] = [rest.slice(1, close), close + 1];
        else w = 1;
      }
    } else if (isSpecial(rest[0])) [name, w] = [rest.slice(0, 1), 1];
    else {
      const m = /^[A-Za-z0-9_]*/.exec(rest)?.[0] ?? "";
      [name, w] = [m, m.length];
    }
    if (name === "" && w === 0) out += "$";
    j += w;
    i = j + 1;
  }
  return i === 0 && out === "" ? s : out + s.slice(i);
}

/** path.Clean. */
export function cleanPath(p: string): string {
  if (p === "") return ".";
  const rooted = p.startsWith("/");
  const out: string[] = [];
  for (const part of p.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
      else if (!rooted) out.push("..");
      continue;
    }
    out.push(part);
  }
  const joined = out.join("/");
  if (rooted) return "/" + joined;
  return joined === "" ? "." : joined;
}

function basePath(p: string): string {
  if (p === "") return ".";
  const trimmed = p.replace(/\/+$/, "");
  if (trimmed === "") return "/";
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}

function dirPath(p: string): string {
  return cleanPath(p.slice(0, p.lastIndexOf("/") + 1));
}

function extPath(p: string): string {
  for (let i = p.length - 1; i >= 0 && p[i] !== "/"; i--) if (p[i] === ".") return p.slice(i);
  return "";
}

const base = def(["string"], ([p]) => basePath(str(p)));
const dir = def(["string"], ([p]) => dirPath(str(p)));
const clean = def(["string"], ([p]) => cleanPath(str(p)));
const ext = def(["string"], ([p]) => extPath(str(p)));
const isAbs = def(["string"], ([p]) => str(p).startsWith("/"));

export const DEFAULT_FUNCS: Record<string, FuncDef> = {
  default: def(["any"], ([d, ...given]) => (given.length === 0 || isEmpty(given[0]) ? nil(d) : nil(given[0])), "any"),
  empty: def(["any"], ([v]) => isEmpty(v)),
  coalesce: def([], (vs) => vs.find((v) => !isEmpty(v)) ?? null, "any"),
  all: def([], (vs) => vs.every((v) => !isEmpty(v)), "any"),
  any: def([], (vs) => vs.some((v) => !isEmpty(v)), "any"),
  ternary: def(["any", "any", "bool"], ([t, f, c]) => (c === true ? nil(t) : nil(f))),
  fail: def(["string"], ([m]) => {
    throw new GoCallError(str(m));
  }),
  typeOf: def(["any"], ([v]) => typeName(v)),
  typeIs: def(["string", "any"], ([t, v]) => str(t) === typeName(v)),
  typeIsLike: def(["string", "any"], ([t, v]) => str(t) === typeName(v) || "*" + str(t) === typeName(v)),
  kindOf: def(["any"], ([v]) => kindName(v)),
  kindIs: def(["string", "any"], ([t, v]) => str(t) === kindName(v)),
  deepEqual: def(["any", "any"], ([a, b]) => deepEqual(a, b)),
  env: def(["string"], () => ""),
  expandenv: def(["string"], ([s]) => expandEmptyEnv(str(s))),
  base,
  dir,
  clean,
  ext,
  isAbs,
  osBase: base,
  osDir: dir,
  osClean: clean,
  osExt: ext,
  osIsAbs: isAbs,
};

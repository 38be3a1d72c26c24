/**
 * The gjson path (`dataKey`/`contextKey`) of a value in a JSON document, from the keys and indexes leading to it:
 * `["body", "order.id"]` → `body.order\.id`. Characters gjson reads as syntax (`.`, `*`, `?`, `|`, `#`, `@`, …) are
 * escaped with a backslash; letters, digits, `_`, `-`, `:` and non-ASCII stay as they are. Pure.
 */
export type JsonPath = readonly (string | number)[];

function isPlain(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x30 && code <= 0x39) ||
    code <= 0x20 ||
    code > 0x7e ||
    code === 0x5f ||
    code === 0x2d ||
    code === 0x3a
  );
}

/** One path component, escaped for gjson. */
export function escapeComponent(component: string): string {
  let out = "";
  for (let index = 0; index < component.length; index++) {
    const code = component.charCodeAt(index);
    out += isPlain(code) ? component[index] : `\\${component[index]}`;
  }
  return out;
}

/** The gjson path of `path`; array indexes are plain numbers (`items.0.sku`). */
export function gjsonPath(path: JsonPath): string {
  return path.map((part) => (typeof part === "number" ? String(part) : escapeComponent(part))).join(".");
}

/** A short name for a destination created from this path: the last key (`sku`), or `value` for the root. */
export function destinationFor(path: JsonPath): string {
  for (let index = path.length - 1; index >= 0; index--) {
    const part = path[index];
    if (typeof part === "string" && part !== "") return gjsonPath([part]);
  }
  return "value";
}

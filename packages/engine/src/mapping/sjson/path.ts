/**
 * sjson's path grammar: dot-separated components, `\` escapes, a leading `:` that forces an object key.
 * A component holding `|`, `#`, `@`, `*` or `?` makes the whole path "complex". Pure.
 */

/** One component of a simple sjson path. */
export interface PathPart {
  /** The key with escapes removed. */
  part: string;
  /** The component as a gjson path (escapes kept) for finding the existing value. */
  gpart: string;
  /** What follows the component. */
  path: string;
  /** A leading `:` forces an object key even when the key looks numeric. */
  force: boolean;
  more: boolean;
}

function isSimpleChar(c: number): boolean {
  return c !== 124 && c !== 35 && c !== 64 && c !== 42 && c !== 63;
}

/** sjson `parsePath` for one component; null when the path is complex. */
export function parsePath(input: string): PathPart | null {
  const r: PathPart = { part: "", gpart: "", path: "", force: false, more: false };
  let path = input;
  if (path.charCodeAt(0) === 58) {
    r.force = true;
    path = path.slice(1);
  }
  const n = path.length;
  for (let i = 0; i < n; i++) {
    const c = path.charCodeAt(i);
    if (c === 46) {
      r.part = r.gpart = path.slice(0, i);
      r.path = path.slice(i + 1);
      r.more = true;
      return r;
    }
    if (!isSimpleChar(c)) return null;
    if (c === 92) {
      let epart = path.slice(0, i);
      let gpart = path.slice(0, i + 1);
      i++;
      if (i < n) {
        epart += path[i];
        gpart += path[i];
        for (i++; i < n; i++) {
          const d = path.charCodeAt(i);
          if (d === 92) {
            gpart += "\\";
            i++;
            if (i < n) {
              epart += path[i];
              gpart += path[i];
            }
            continue;
          }
          if (d === 46) {
            r.part = epart;
            r.gpart = gpart;
            r.path = path.slice(i + 1);
            r.more = true;
            return r;
          }
          if (!isSimpleChar(d)) return null;
          epart += path[i];
          gpart += path[i];
        }
      }
      r.part = epart;
      r.gpart = gpart;
      return r;
    }
  }
  r.part = r.gpart = path;
  return r;
}

/** sjson `atoui`: the component as an array index. Note that an empty component counts as index 0. */
export function atoui(r: PathPart): number | null {
  if (r.force) return null;
  let n = 0;
  for (let i = 0; i < r.part.length; i++) {
    const c = r.part.charCodeAt(i);
    if (c < 48 || c > 57) return null;
    n = n * 10 + (c - 48);
  }
  return n;
}

/**
 * The mutable state one `get` call threads through the object and array walkers (gjson's `parseContext`).
 */

import { emptyRes, type Res } from "./types.ts";

export interface Ctx {
  json: string;
  value: Res;
  pipe: string;
  piped: boolean;
  /** The value was computed (`#` count), so it has no position in the document. */
  calcd: boolean;
}

export function newCtx(json: string): Ctx {
  return { json, value: emptyRes(), pipe: "", piped: false, calcd: false };
}

/** Second return value of the walkers (gjson returns `(int, bool)`); read right after the call. */
export const walk = { hit: false };

/** gjson `fillIndex`: a raw that is a slice of `json` gets its offset as Index; built text gets 0. */
export function fillIndex(json: string, v: Res): void {
  if (v.raw.length > 0) v.index = v.at >= 0 && v.at < json.length ? v.at : 0;
}

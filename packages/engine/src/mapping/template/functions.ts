/**
 * The function table templates see: text/template's builtins overlaid with sprig's functions (sprig's `slice`
 * replaces the builtin, as in Go where FuncMap entries win), plus methods on time values.
 */

import { BUILTINS } from "./builtins.ts";
import type { FunctionTable } from "./exec.ts";
import type { FuncDef } from "./funcs.ts";
import { SPRIG_FUNCS, timeMethod } from "./sprig/index.ts";
import { GoTime } from "./time/goTime.ts";
import type { GoValue } from "./values.ts";

type Entry = { def: FuncDef; builtin: boolean };

const ALL: ReadonlyMap<string, Entry> = new Map<string, Entry>([
  ...Object.entries(BUILTINS).map(([k, def]): [string, Entry] => [k, { def, builtin: true }]),
  ...Object.entries(SPRIG_FUNCS).map(([k, def]): [string, Entry] => [k, { def, builtin: false }]),
]);

export const FUNCTION_TABLE: FunctionTable = {
  fn: (name) => ALL.get(name),
  method: (receiver: GoValue, name: string) => (receiver instanceof GoTime ? timeMethod(receiver, name) : undefined),
};

export const FUNCTION_NAMES: readonly string[] = Object.freeze([...ALL.keys()].sort());

export function hasFunction(name: string): boolean {
  return ALL.has(name);
}

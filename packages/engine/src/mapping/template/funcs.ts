/**
 * How template functions are declared: Go parameter types (so argument checking and literal conversion behave
 * like text/template's reflection-based calls) and an implementation over {@link GoValue}s.
 */

import { GoTime } from "./time/goTime.ts";
import { GoInt, type GoValue, isMap, mapType, nilMap, nilSlice, sliceType } from "./values.ts";

/** Go parameter types used by the supported functions. `value` is reflect.Value (builtins only). */
export type ParamType = "any" | "value" | "string" | "int" | "int64" | "float64" | "bool" | "map" | "list" | "time";

/** What a function may use besides its arguments. */
export interface CallContext {
  readonly now: () => Date;
  /** Throws when a function would build a result larger than the configured limit. */
  readonly checkSize: (n: number) => void;
}

export interface FuncDef {
  readonly params: readonly ParamType[];
  /** Element type of a trailing `...T` parameter. */
  readonly variadic?: ParamType;
  readonly call: (args: GoValue[], ctx: CallContext) => GoValue;
}

/** An error or panic from inside a Go function; reported as `error calling <name>: <message>`. */
export class GoCallError extends Error {
  override readonly name = "GoCallError";
}

export function def(params: readonly ParamType[], call: FuncDef["call"], variadic?: ParamType): FuncDef {
  return variadic === undefined ? { params, call } : { params, call, variadic };
}

export const GO_TYPE_NAMES: Record<ParamType, string> = {
  any: "interface {}",
  value: "reflect.Value",
  string: "string",
  int: "int",
  int64: "int64",
  float64: "float64",
  bool: "bool",
  map: "map[string]interface {}",
  list: "[]interface {}",
  time: "time.Time",
};

/** Whether a param type accepts nil (and so turns a missing value into its zero value). */
export function canBeNil(t: ParamType): boolean {
  return t === "any" || t === "value" || t === "map" || t === "list";
}

/** The zero value that a missing (invalid) value becomes for a nil-able parameter. */
export function zeroOf(t: ParamType): GoValue {
  if (t === "map") return nilMap();
  if (t === "list") return nilSlice();
  if (t === "value") return undefined;
  return null;
}

/** Whether a (non-nil) value is assignable to a param type. */
export function assignable(v: GoValue, t: ParamType): boolean {
  switch (t) {
    case "any":
    case "value":
      return true;
    case "string":
      return typeof v === "string";
    case "int":
    case "int64":
      return v instanceof GoInt && v.kind === t;
    case "float64":
      return typeof v === "number";
    case "bool":
      return typeof v === "boolean";
    case "map":
      return isMap(v) && mapType(v) === "map[string]interface {}";
    case "list":
      return Array.isArray(v) && sliceType(v) === "[]interface {}";
    case "time":
      return v instanceof GoTime;
  }
}

// Typed accessors for implementations (arguments are already validated).

export const str = (v: GoValue): string => (typeof v === "string" ? v : "");
export const num = (v: GoValue): number => (v instanceof GoInt ? Number(v.value) : typeof v === "number" ? v : 0);

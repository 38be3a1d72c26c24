/**
 * Operator tables and token helpers of the expr parser: precedences (expr v1.15.5 `parser/operator`), number
 * literal parsing, identifier validation and expr's token descriptions for error messages. Pure.
 */
import type { Node } from "./ast.ts";
import { SourceError, isAlphabetic, isAlphaNumeric, type Token } from "./lexer.ts";

function fail(token: Token, message: string): never {
  throw new SourceError(message, token.location);
}

export const unary: Record<string, number> = { not: 50, "!": 50, "-": 90, "+": 90 };
export const binary: Record<string, { precedence: number; right?: true }> = {
  "|": { precedence: 0 },
  or: { precedence: 10 },
  "||": { precedence: 10 },
  and: { precedence: 15 },
  "&&": { precedence: 15 },
  "==": { precedence: 20 },
  "!=": { precedence: 20 },
  "<": { precedence: 20 },
  ">": { precedence: 20 },
  ">=": { precedence: 20 },
  "<=": { precedence: 20 },
  in: { precedence: 20 },
  matches: { precedence: 20 },
  contains: { precedence: 20 },
  startsWith: { precedence: 20 },
  endsWith: { precedence: 20 },
  "..": { precedence: 25 },
  "+": { precedence: 30 },
  "-": { precedence: 30 },
  "*": { precedence: 60 },
  "/": { precedence: 60 },
  "%": { precedence: 60 },
  "**": { precedence: 100, right: true },
  "^": { precedence: 100, right: true },
  "??": { precedence: 500 },
};

/** expr's `IsValidIdentifier`: operators such as `not` or `matches` may still name a property. */
export function isValidIdentifier(text: string): boolean {
  const chars = Array.from(text);
  return chars.length > 0 && isAlphabetic(chars[0] as string) && chars.every((ch) => isAlphaNumeric(ch));
}

/** A token as expr prints it in "unexpected token" errors: `Operator("&")`, `EOF`. */
export function describe(token: Token): string {
  return token.value === "" ? token.kind : `${token.kind}(${JSON.stringify(token.value)})`;
}

/** A Number token as expr parses it: `_` removed, `0x…` and decimal ints are int64, anything with `.`/`e` a float64. */
export function numberLiteral(token: Token): Node {
  const value = token.value.replaceAll("_", "");
  if (value.includes("x")) {
    const ok = /^0x[0-9a-fA-F]+$/.test(value) && BigInt(value) <= 0x7fffffffffffffffn;
    if (!ok) fail(token, `invalid hex literal: strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax`);
    return { kind: "integer", value: BigInt(value), location: token.location };
  }
  if (/[.eE]/.test(value)) {
    const number = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value) ? Number(value) : NaN;
    if (!Number.isFinite(number))
      fail(token, `invalid float literal: strconv.ParseFloat: parsing ${JSON.stringify(value)}: invalid syntax`);
    return { kind: "float", value: number, location: token.location };
  }
  if (!/^\d+$/.test(value) || BigInt(value) > 0x7fffffffffffffffn) {
    fail(token, `invalid integer literal: strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax`);
  }
  return { kind: "integer", value: BigInt(value), location: token.location };
}

/** Token types and character classes of the Go template lexer. */

export type TokenType =
  | "error"
  | "eof"
  | "text"
  | "leftDelim"
  | "rightDelim"
  | "space"
  | "identifier"
  | "field"
  | "variable"
  | "dot"
  | "bool"
  | "nil"
  | "number"
  | "charConstant"
  | "complex"
  | "string"
  | "rawString"
  | "pipe"
  | "assign"
  | "declare"
  | "leftParen"
  | "rightParen"
  | "char"
  | "block"
  | "break"
  | "continue"
  | "define"
  | "else"
  | "end"
  | "if"
  | "range"
  | "template"
  | "with";

export interface Token {
  readonly type: TokenType;
  /** UTF-16 offset of the token in the source. */
  readonly pos: number;
  readonly val: string;
}

export const KEYWORDS: ReadonlySet<string> = new Set([
  "block",
  "break",
  "continue",
  "define",
  "else",
  "end",
  "if",
  "nil",
  "range",
  "template",
  "with",
]);

export const LEFT = "{{";
export const RIGHT = "}}";
export const SPACE_CHARS = " \t\r\n";

export const isSpaceChar = (c: string | undefined): boolean => c !== undefined && c !== "" && SPACE_CHARS.includes(c);
const reAlnum = /^[\p{L}\p{Nd}_]$/u;
export const isAlphaNumeric = (c: string): boolean => {
  if (c.length === 1) {
    const x = c.charCodeAt(0);
    if (x < 0x80) return (x >= 0x30 && x <= 0x39) || (x >= 0x41 && x <= 0x5a) || (x >= 0x61 && x <= 0x7a) || x === 0x5f;
  }
  return c !== "" && reAlnum.test(c);
};

export function hasLeftTrimMarker(s: string, at: number): boolean {
  return s[at] === "-" && isSpaceChar(s[at + 1]);
}

export function hasRightTrimMarker(s: string, at: number): boolean {
  return isSpaceChar(s[at]) && s[at + 1] === "-";
}

/** Go's `%#U`: `U+0041 'A'`. */
export function formatRune(cp: number): string {
  const hex = cp.toString(16).toUpperCase().padStart(4, "0");
  return `U+${hex} '${String.fromCodePoint(cp)}'`;
}

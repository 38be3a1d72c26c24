/**
 * The antonmedv/expr v1.15.5 lexer: identifiers (Unicode letters, digits, `_`, `$`), numbers with `_` separators,
 * quoted strings with Go escapes, comments, and its operator tokens (`not in` is two tokens, `&`, `!*`, `<&`… are
 * tokens that the parser then rejects). Positions are 1-based lines and 0-based rune columns, as in expr. Pure.
 */

import { unescape } from "./unescape.ts";

export type TokenKind = "Identifier" | "Number" | "String" | "Operator" | "Bracket" | "EOF";

export interface Location {
  line: number;
  column: number;
}

export interface Token {
  kind: TokenKind;
  value: string;
  location: Location;
}

/** A lexing, parsing or type-checking failure at a source location. */
export class SourceError extends Error {
  constructor(
    message: string,
    readonly location: Location | null,
  ) {
    super(message);
    this.name = "SourceError";
  }
}

// ASCII fast paths first; the Unicode classes match Go's unicode.IsSpace / IsLetter / IsDigit.
export const isSpace = (ch: string): boolean =>
  ch < "\x80" ? " \t\n\v\f\r".includes(ch) && ch !== "" : /^\p{White_Space}$/u.test(ch);
export const isLetter = (ch: string): boolean =>
  ch < "\x80" ? (ch >= "a" && ch <= "z") || (ch >= "A" && ch <= "Z") : /^\p{L}$/u.test(ch);
export const isDigit = (ch: string): boolean =>
  ch < "\x80" ? ch >= "0" && ch <= "9" && ch !== "" : /^\p{Nd}$/u.test(ch);
export const isAlphabetic = (ch: string): boolean => ch === "_" || ch === "$" || isLetter(ch);
export const isAlphaNumeric = (ch: string): boolean => isAlphabetic(ch) || isDigit(ch);

const EOF = "";

class Lexer {
  readonly chars: string[];
  readonly tokens: Token[] = [];
  start = 0;
  end = 0;
  startLoc: Location = { line: 1, column: 0 };
  loc: Location = { line: 1, column: 0 };
  prev: Location = { line: 1, column: 0 };

  constructor(source: string) {
    this.chars = Array.from(source);
  }

  next(): string {
    const ch = this.chars[this.end];
    if (ch === undefined) return EOF;
    this.end++;
    this.prev = this.loc;
    this.loc =
      ch === "\n" ? { line: this.loc.line + 1, column: 0 } : { line: this.loc.line, column: this.loc.column + 1 };
    return ch;
  }

  peek(): string {
    return this.chars[this.end] ?? EOF;
  }

  backup(): void {
    this.end--;
    this.loc = this.prev;
  }

  accept(valid: string): boolean {
    const ch = this.next();
    if (ch !== EOF && valid.includes(ch)) return true;
    if (ch !== EOF) this.backup();
    return false;
  }

  acceptRun(valid: string): void {
    while (this.accept(valid)) {
      // absorb
    }
  }

  word(): string {
    return this.chars.slice(this.start, this.end).join("");
  }

  emit(kind: TokenKind, value = this.word()): void {
    this.tokens.push({ kind, value, location: this.startLoc });
    this.ignore();
  }

  ignore(): void {
    this.start = this.end;
    this.startLoc = this.loc;
  }

  fail(message: string): never {
    throw new SourceError(message, this.loc);
  }
}

function digitVal(ch: string): number {
  if (ch >= "0" && ch <= "9") return ch.charCodeAt(0) - 48;
  const lower = ch.length === 1 ? String.fromCharCode(ch.charCodeAt(0) | 0x20) : "";
  if (lower >= "a" && lower <= "f") return lower.charCodeAt(0) - 87;
  return 16;
}

function scanDigits(l: Lexer, first: string, [base, count]: [number, number]): string {
  let ch = first;
  let n = count;
  while (n > 0 && ch !== EOF && digitVal(ch) < base) {
    ch = l.next();
    n--;
  }
  if (n > 0) l.fail("invalid char escape");
  return ch;
}

function scanEscape(l: Lexer, quote: string): string {
  const ch = l.next();
  if ("abfnrtv\\".includes(ch) && ch !== EOF) return l.next();
  if (ch === quote) return l.next();
  if (ch >= "0" && ch <= "7" && ch.length === 1) return scanDigits(l, ch, [8, 3]);
  if (ch === "x") return scanDigits(l, l.next(), [16, 2]);
  if (ch === "u") return scanDigits(l, l.next(), [16, 4]);
  if (ch === "U") return scanDigits(l, l.next(), [16, 8]);
  return l.fail("invalid char escape");
}

function scanString(l: Lexer, quote: string): void {
  let ch = l.next();
  while (ch !== quote) {
    if (ch === "\n" || ch === EOF) l.fail("literal not terminated");
    ch = ch === "\\" ? scanEscape(l, quote) : l.next();
  }
}

function scanNumber(l: Lexer): boolean {
  let digits = "0123456789_";
  if (l.accept("0")) {
    if (l.accept("xX")) digits = "0123456789abcdefABCDEF_";
    else if (l.accept("oO")) digits = "01234567_";
    else if (l.accept("bB")) digits = "01_";
  }
  l.acceptRun(digits);
  const [loc, prev, end] = [l.loc, l.prev, l.end];
  if (l.accept(".")) {
    // `1..2` is a range: leave the dots for the operator.
    if (l.peek() === ".") {
      [l.loc, l.prev, l.end] = [loc, prev, end];
      return true;
    }
    l.acceptRun(digits);
  }
  if (l.accept("eE")) {
    l.accept("+-");
    l.acceptRun(digits);
  }
  if (isAlphaNumeric(l.peek())) {
    l.next();
    return false;
  }
  return true;
}

function formatRune(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  return `U+${cp.toString(16).toUpperCase().padStart(4, "0")} '${ch}'`;
}

function lexIdentifier(l: Lexer): void {
  while (isAlphaNumeric(l.peek())) l.next();
  const word = l.word();
  if (word === "not") {
    l.emit("Operator");
    while (l.peek() === " ") l.next();
    l.ignore();
    const [end, loc, prev] = [l.end, l.loc, l.prev];
    while (isAlphaNumeric(l.peek())) l.next();
    if (["in", "matches", "contains", "startsWith", "endsWith"].includes(l.word())) l.emit("Operator");
    else [l.end, l.loc, l.prev] = [end, loc, prev];
    return;
  }
  const operators = ["in", "or", "and", "matches", "contains", "startsWith", "endsWith", "let"];
  l.emit(operators.includes(word) ? "Operator" : "Identifier");
}

/** Tokenise `source`; throws {@link SourceError} at the first bad character. Ends with an EOF token. */
export function lex(source: string): Token[] {
  const l = new Lexer(source);
  for (;;) {
    const r = l.next();
    if (r === EOF) {
      l.tokens.push({ kind: "EOF", value: "", location: l.prev });
      return l.tokens;
    }
    if (isSpace(r)) {
      l.ignore();
    } else if (r === "'" || r === '"') {
      scanString(l, r);
      let text = "";
      try {
        text = unescape(l.word());
      } catch (error) {
        l.fail(error instanceof Error ? error.message : String(error));
      }
      l.emit("String", text);
    } else if (r >= "0" && r <= "9") {
      l.backup();
      if (!scanNumber(l)) l.fail(`bad number syntax: ${JSON.stringify(l.word())}`);
      l.emit("Number");
    } else if (r === "?") {
      l.accept(".?");
      l.emit("Operator");
    } else if (r === "/") {
      if (l.accept("/")) {
        for (let c = l.next(); c !== EOF && c !== "\n"; c = l.next()) {
          // skip to end of line
        }
        l.ignore();
      } else if (l.accept("*")) {
        for (;;) {
          const c = l.next();
          if (c === EOF) l.fail("unclosed comment");
          if (c === "*" && l.accept("/")) break;
        }
        l.ignore();
      } else l.emit("Operator");
    } else if (r === "#") {
      l.accept("#");
      l.emit("Operator");
      while (isAlphaNumeric(l.peek())) l.next();
      if (l.word() !== "") l.emit("Identifier");
    } else if (r === "|") {
      l.accept("|");
      l.emit("Operator");
    } else if ("([{)]}".includes(r)) {
      l.emit("Bracket");
    } else if (",:;%+-^".includes(r)) {
      l.emit("Operator");
    } else if ("&!=*<>".includes(r)) {
      l.accept("&=*");
      l.emit("Operator");
    } else if (r === ".") {
      if (/^[0-9]$/.test(l.peek())) {
        if (!scanNumber(l)) l.fail(`bad number syntax: ${JSON.stringify(l.word())}`);
        l.emit("Number");
      } else {
        l.accept(".");
        l.emit("Operator");
      }
    } else if (isAlphaNumeric(r)) {
      lexIdentifier(l);
    } else {
      l.fail(`unrecognized character: ${formatRune(r)}`);
    }
  }
}

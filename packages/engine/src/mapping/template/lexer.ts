/**
 * Tokenizer for Go template syntax with the default `{{ }}` delimiters, following the behaviour of
 * text/template/parse's lexer: `{{-`/`-}}` trim markers (the dash must be separated by a space), comments that
 * must touch the delimiters, and the same token boundaries and error messages.
 */

import {
  formatRune,
  hasLeftTrimMarker,
  hasRightTrimMarker,
  isAlphaNumeric,
  isSpaceChar,
  KEYWORDS,
  LEFT,
  RIGHT,
  type Token,
  type TokenType,
} from "./tokens.ts";

export type { Token, TokenType } from "./tokens.ts";

/** Tokenizes a whole template. The last token is `eof` or `error`. */
export function lex(input: string): Token[] {
  return new Lexer(input).run();
}

class Lexer {
  private pos = 0;
  private start = 0;
  private parenDepth = 0;
  private readonly tokens: Token[] = [];
  private readonly input: string;

  constructor(input: string) {
    this.input = input;
  }

  run(): Token[] {
    let inside = false;
    for (;;) {
      const ok = inside ? this.lexInsideAction() : this.lexText();
      const last = this.tokens[this.tokens.length - 1];
      if (!ok || last?.type === "eof" || last?.type === "error") return this.tokens;
      inside = last?.type === "leftDelim" || (inside && last?.type !== "rightDelim");
    }
  }

  private emit(type: TokenType): true {
    this.tokens.push({ type, pos: this.start, val: this.input.slice(this.start, this.pos) });
    this.start = this.pos;
    return true;
  }

  private fail(message: string): false {
    this.tokens.push({ type: "error", pos: this.start, val: message });
    return false;
  }

  /** Next code point as a string ("" at EOF). */
  private next(): string {
    if (this.pos >= this.input.length) {
      this.pos = this.input.length + 1;
      return "";
    }
    const cp = this.input.codePointAt(this.pos) ?? 0;
    const c = String.fromCodePoint(cp);
    this.pos += c.length;
    return c;
  }

  private backup(c: string): void {
    if (c === "") this.pos = this.input.length;
    else this.pos -= c.length;
  }

  private peek(): string {
    const c = this.next();
    this.backup(c);
    return c;
  }

  private accept(valid: string): boolean {
    const c = this.next();
    if (c !== "" && valid.includes(c)) return true;
    this.backup(c);
    return false;
  }

  private acceptRun(valid: string): void {
    while (this.accept(valid));
  }

  private lexText(): boolean {
    const x = this.input.indexOf(LEFT, this.pos);
    if (x < 0) {
      this.pos = this.input.length;
      if (this.pos > this.start) this.emit("text");
      return this.emit("eof");
    }
    if (x > this.pos || x > this.start) {
      this.pos = x;
      let end = x;
      if (hasLeftTrimMarker(this.input, x + LEFT.length)) {
        while (end > this.start && isSpaceChar(this.input[end - 1])) end--;
      }
      if (end > this.start) {
        this.tokens.push({ type: "text", pos: this.start, val: this.input.slice(this.start, end) });
      }
      this.start = x;
    }
    return this.lexLeftDelim();
  }

  private lexLeftDelim(): boolean {
    this.pos += LEFT.length;
    const trim = hasLeftTrimMarker(this.input, this.pos);
    const after = trim ? 2 : 0;
    if (this.input.startsWith("/*", this.pos + after)) {
      this.pos += after;
      this.start = this.pos;
      return this.lexComment();
    }
    this.emit("leftDelim");
    this.pos += after;
    this.start = this.pos;
    this.parenDepth = 0;
    return true;
  }

  private lexComment(): boolean {
    this.pos += 2;
    const x = this.input.indexOf("*/", this.pos);
    if (x < 0) return this.fail("unclosed comment");
    this.pos = x + 2;
    const [delim, trim] = this.atRightDelim();
    if (!delim) return this.fail("comment ends before closing delimiter");
    if (trim) this.pos += 2;
    this.pos += RIGHT.length;
    if (trim) while (isSpaceChar(this.input[this.pos])) this.pos++;
    this.start = this.pos;
    return true;
  }

  private atRightDelim(): [boolean, boolean] {
    if (hasRightTrimMarker(this.input, this.pos) && this.input.startsWith(RIGHT, this.pos + 2)) return [true, true];
    if (this.input.startsWith(RIGHT, this.pos)) return [true, false];
    return [false, false];
  }

  private lexRightDelim(): boolean {
    const [, trim] = this.atRightDelim();
    if (trim) {
      this.pos += 2;
      this.start = this.pos;
    }
    this.pos += RIGHT.length;
    this.emit("rightDelim");
    if (trim) {
      while (isSpaceChar(this.input[this.pos])) this.pos++;
      this.start = this.pos;
    }
    return true;
  }

  private lexInsideAction(): boolean {
    const [delim] = this.atRightDelim();
    if (delim) {
      if (this.parenDepth === 0) return this.lexRightDelim();
      return this.fail("unclosed left paren");
    }
    const c = this.next();
    if (c === "") return this.fail("unclosed action");
    if (isSpaceChar(c)) {
      this.backup(c);
      return this.lexSpace();
    }
    switch (c) {
      case "=":
        return this.emit("assign");
      case ":":
        if (this.next() !== "=") return this.fail("expected :=");
        return this.emit("declare");
      case "|":
        return this.emit("pipe");
      case '"':
        return this.lexQuoted("string");
      case "`":
        return this.lexQuoted("rawString");
      case "$":
        return this.lexFieldOrVariable("variable");
      case "'":
        return this.lexQuoted("charConstant");
      case "(":
        this.parenDepth++;
        return this.emit("leftParen");
      case ")":
        this.parenDepth--;
        if (this.parenDepth < 0) return this.fail("unexpected right paren");
        return this.emit("rightParen");
    }
    if (c === ".") {
      const n = this.input[this.pos];
      if (n !== undefined && (n < "0" || n > "9")) return this.lexFieldOrVariable("field");
    }
    if (c === "." || c === "+" || c === "-" || (c >= "0" && c <= "9")) {
      this.backup(c);
      return this.lexNumber();
    }
    if (isAlphaNumeric(c)) {
      this.backup(c);
      return this.lexIdentifier();
    }
    const cp = c.codePointAt(0) ?? 0;
    if (cp >= 0x21 && cp <= 0x7e) {
      return this.emit("char");
    }
    return this.fail(`unrecognized character in action: ${formatRune(cp)}`);
  }

  private lexSpace(): boolean {
    let n = 0;
    while (isSpaceChar(this.input[this.pos])) {
      this.pos++;
      n++;
    }
    if (hasRightTrimMarker(this.input, this.pos - 1) && this.input.startsWith(RIGHT, this.pos + 1)) {
      this.pos--;
      if (n === 1) return this.lexRightDelim();
    }
    return this.emit("space");
  }

  private lexIdentifier(): boolean {
    for (;;) {
      const c = this.next();
      if (isAlphaNumeric(c)) continue;
      this.backup(c);
      const word = this.input.slice(this.start, this.pos);
      if (!this.atTerminator()) return this.fail(`bad character ${formatRune(c.codePointAt(0) ?? 0)}`);
      if (KEYWORDS.has(word)) this.emit(word as TokenType);
      else if (word === "true" || word === "false") this.emit("bool");
      else this.emit("identifier");
      return true;
    }
  }

  private lexFieldOrVariable(type: "field" | "variable"): boolean {
    if (this.atTerminator()) {
      return this.emit(type === "variable" ? "variable" : "dot");
    }
    let c: string;
    for (;;) {
      c = this.next();
      if (!isAlphaNumeric(c)) {
        this.backup(c);
        break;
      }
    }
    if (!this.atTerminator()) return this.fail(`bad character ${formatRune(c.codePointAt(0) ?? 0)}`);
    return this.emit(type);
  }

  private atTerminator(): boolean {
    const c = this.peek();
    if (c === "" || isSpaceChar(c)) return true;
    if (".,|:)(".includes(c)) return true;
    return this.input.startsWith(RIGHT, this.pos);
  }

  /** Scans a quoted literal whose opening quote was consumed; `\` escapes except in raw strings. */
  private lexQuoted(type: "string" | "rawString" | "charConstant"): boolean {
    const close = type === "string" ? '"' : type === "rawString" ? "`" : "'";
    const what =
      type === "string" ? "quoted string" : type === "rawString" ? "raw quoted string" : "character constant";
    for (;;) {
      let c = this.next();
      if (c === "\\" && type !== "rawString") {
        c = this.next();
        if (c !== "" && c !== "\n") continue;
      }
      if (c === "" || (c === "\n" && type !== "rawString")) return this.fail(`unterminated ${what}`);
      if (c === close) return this.emit(type);
    }
  }

  private lexNumber(): boolean {
    if (!this.scanNumber())
      return this.fail(`bad number syntax: ${JSON.stringify(this.input.slice(this.start, this.pos))}`);
    const sign = this.peek();
    if (sign === "+" || sign === "-") {
      if (!this.scanNumber() || this.input[this.pos - 1] !== "i") {
        return this.fail(`bad number syntax: ${JSON.stringify(this.input.slice(this.start, this.pos))}`);
      }
      return this.emit("complex");
    }
    return this.emit("number");
  }

  private scanNumber(): boolean {
    this.accept("+-");
    let digits = "0123456789_";
    if (this.accept("0")) {
      if (this.accept("xX")) digits = "0123456789abcdefABCDEF_";
      else if (this.accept("oO")) digits = "01234567_";
      else if (this.accept("bB")) digits = "01_";
    }
    this.acceptRun(digits);
    if (this.accept(".")) this.acceptRun(digits);
    if (digits.length === 11 && this.accept("eE")) {
      this.accept("+-");
      this.acceptRun("0123456789_");
    }
    if (digits.length === 23 && this.accept("pP")) {
      this.accept("+-");
      this.acceptRun("0123456789_");
    }
    this.accept("i");
    const c = this.peek();
    if (isAlphaNumeric(c)) {
      this.next();
      return false;
    }
    return true;
  }
}

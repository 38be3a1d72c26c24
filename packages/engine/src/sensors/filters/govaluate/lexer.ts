/**
 * govaluate's lexer, character for character: the same character classes (Go's `unicode` predicates), the same
 * backslash escaping inside every token, the same surprises (`0x ff` is 255, `"2021-01-02"` is a TIME, `in`/`IN` are
 * operators, `a.B` is an accessor). Then the compile-time checks govaluate runs on the token list: parenthesis
 * balance, the token-transition grammar, and pre-compiling string operands of `=~`/`!~` with RE2. Pure.
 */
import { RE2JS } from "re2js";
import { GO_FORMAT, formatGoV } from "../../../sources/expr/goFormat.ts";
import { tryParseTime } from "./timeLiteral.ts";
import {
  TokenKind,
  canTransition,
  comparatorSymbols,
  lexerStates,
  logicalSymbols,
  modifierSymbols,
  prefixSymbols,
  ternarySymbols,
  type PatternValue,
  type Token,
  type TokenValue,
} from "./tokens.ts";

/** A compile-time failure with the code-point offset it refers to. */
export class LexError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = "LexError";
  }
}

// ASCII fast paths first; the Unicode classes match Go's unicode.IsSpace / IsDigit / IsLetter.
const isSpace = (ch: string): boolean => (ch < "\x80" ? " \t\n\v\f\r".includes(ch) : /^\p{White_Space}$/u.test(ch));
const isDigit = (ch: string): boolean => (ch < "\x80" ? ch >= "0" && ch <= "9" : /^\p{Nd}$/u.test(ch));
const isLetter = (ch: string): boolean =>
  ch < "\x80" ? (ch >= "a" && ch <= "z") || (ch >= "A" && ch <= "Z") : /^\p{L}$/u.test(ch);
const isNumeric = (ch: string): boolean => isDigit(ch) || ch === ".";
const isNotQuote = (ch: string): boolean => ch !== "'" && ch !== '"';
const isVariableName = (ch: string): boolean => isLetter(ch) || isDigit(ch) || ch === "_" || ch === ".";
const isNotClosingBracket = (ch: string): boolean => ch !== "]";
const isHexDigit = (ch: string): boolean => isDigit(ch.toLowerCase()) || "abcdef".includes(ch.toLowerCase());
const isNotAlphanumeric = (ch: string): boolean =>
  !(isDigit(ch) || isLetter(ch) || ch === "(" || ch === ")" || ch === "[" || ch === "]" || !isNotQuote(ch));

class Stream {
  readonly chars: string[];
  position = 0;
  constructor(source: string) {
    this.chars = Array.from(source);
  }
  canRead(): boolean {
    return this.position < this.chars.length;
  }
  read(): string {
    const ch = this.chars[this.position];
    // govaluate indexes past the end here (a Go panic); only a trailing backslash gets this far.
    if (ch === undefined) throw new LexError("unexpected end of expression after '\\'", this.position);
    this.position++;
    return ch;
  }
  rewind(amount: number): void {
    this.position -= amount;
  }
}

/** Read while `condition` holds; a backslash escapes the next character; returns the text and whether it stopped. */
function readUntilFalse(
  stream: Stream,
  options: { includeWhitespace: boolean; breakWhitespace: boolean },
  condition: (ch: string) => boolean,
): [string, boolean] {
  let buffer = "";
  while (stream.canRead()) {
    let ch = stream.read();
    if (ch === "\\") {
      ch = stream.read();
      buffer += ch;
      continue;
    }
    if (isSpace(ch)) {
      if (options.breakWhitespace && buffer.length > 0) return [buffer, true];
      if (!options.includeWhitespace) continue;
    }
    if (!condition(ch)) {
      stream.rewind(1);
      return [buffer, true];
    }
    buffer += ch;
  }
  return [buffer, false];
}

function readTokenUntilFalse(stream: Stream, condition: (ch: string) => boolean): string {
  stream.rewind(1);
  return readUntilFalse(stream, { includeWhitespace: false, breakWhitespace: true }, condition)[0];
}

/** strconv.ParseFloat on a run of digits and dots (only ASCII digits parse; overflow is an error). */
function parseDecimal(text: string, position: number): number {
  const value = /^(\d+\.?\d*|\.\d+)$/.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(value)) throw new LexError(`Unable to parse numeric value '${text}' to float64\n`, position);
  return value;
}

function parseHex(text: string, position: number): number {
  if (!/^[0-9a-fA-F]{1,}$/.test(text) || BigInt(`0x${text}`) > 0xffffffffffffffffn) {
    throw new LexError(`Unable to parse hex value '${text}' to uint64\n`, position);
  }
  return Number(BigInt(`0x${text}`));
}

function readToken(stream: Stream, state: TokenKind): Token | null {
  while (stream.canRead()) {
    let ch = stream.read();
    if (isSpace(ch)) continue;
    const position = stream.position - 1;
    const token = (kind: TokenKind, value: TokenValue): Token => ({ kind, value, position });

    if (isNumeric(ch)) {
      if (stream.canRead() && ch === "0") {
        ch = stream.read();
        if (stream.canRead() && ch === "x") {
          const [text] = readUntilFalse(stream, { includeWhitespace: false, breakWhitespace: true }, isHexDigit);
          return token(TokenKind.NUMERIC, parseHex(text, position));
        }
        stream.rewind(1);
      }
      return token(TokenKind.NUMERIC, parseDecimal(readTokenUntilFalse(stream, isNumeric), position));
    }
    if (ch === ",") return token(TokenKind.SEPARATOR, ",");
    if (ch === "[") {
      const [name, completed] = readUntilFalse(
        stream,
        { includeWhitespace: true, breakWhitespace: false },
        isNotClosingBracket,
      );
      if (!completed) throw new LexError("Unclosed parameter bracket", position);
      stream.rewind(-1);
      return token(TokenKind.VARIABLE, name);
    }
    if (isLetter(ch)) return wordToken(readTokenUntilFalse(stream, isVariableName), position);
    if (!isNotQuote(ch)) {
      const [text, completed] = readUntilFalse(stream, { includeWhitespace: true, breakWhitespace: false }, isNotQuote);
      if (!completed) throw new LexError("Unclosed string literal", position);
      stream.rewind(-1);
      const time = tryParseTime(text);
      return time === undefined ? token(TokenKind.STRING, text) : token(TokenKind.TIME, time);
    }
    if (ch === "(") return token(TokenKind.CLAUSE, "(");
    if (ch === ")") return token(TokenKind.CLAUSE_CLOSE, ")");

    const symbol = readTokenUntilFalse(stream, isNotAlphanumeric);
    // "-" is negation where a value may start, subtraction elsewhere; the lexer state decides.
    if (canTransition(state, TokenKind.PREFIX) && prefixSymbols.has(symbol)) return token(TokenKind.PREFIX, symbol);
    if (modifierSymbols.has(symbol)) return token(TokenKind.MODIFIER, symbol);
    if (logicalSymbols.has(symbol)) return token(TokenKind.LOGICALOP, symbol);
    if (comparatorSymbols.has(symbol)) return token(TokenKind.COMPARATOR, symbol);
    if (ternarySymbols.has(symbol)) return token(TokenKind.TERNARY, symbol);
    throw new LexError(`Invalid token: '${symbol}'`, position);
  }
  return null;
}

function wordToken(word: string, position: number): Token {
  if (word === "true" || word === "false") return { kind: TokenKind.BOOLEAN, value: word === "true", position };
  if (word === "in" || word === "IN") return { kind: TokenKind.COMPARATOR, value: "in", position };
  const dot = word.indexOf(".");
  if (dot > 0) {
    if (word.endsWith(".")) throw new LexError(`Hanging accessor on token '${word}'`, position);
    const parts = word.split(".");
    for (const part of parts.slice(1)) {
      const first = Array.from(part)[0] ?? "";
      if (first.toUpperCase() !== first) {
        throw new LexError(`Unable to access unexported field '${part}' in token '${word}'`, position);
      }
    }
    return { kind: TokenKind.ACCESSOR, value: parts, position };
  }
  return { kind: TokenKind.VARIABLE, value: word, position };
}

/** A compiled RE2 pattern that prints as its source, like Go's `*regexp.Regexp`. */
export class GoRegexp implements PatternValue {
  readonly #re: RE2JS;
  constructor(readonly source: string) {
    this.#re = RE2JS.compile(source);
  }
  /** Unanchored search, like Go's `(*Regexp).MatchString`. */
  test(input: string): boolean {
    return this.#re.test(input);
  }
  [GO_FORMAT](): string {
    return this.source;
  }
}

function describe(token: Token | undefined): string {
  if (!token) return "UNKNOWN [<nil>]";
  // Go stores parentheses as runes, so they print as their code (40, 41); TIME prints as Unix seconds here.
  const value =
    token.kind === TokenKind.CLAUSE ? "40" : token.kind === TokenKind.CLAUSE_CLOSE ? "41" : formatGoV(token.value);
  return `${token.kind} [${value}]`;
}

/** Tokenise and run govaluate's compile-time checks; throws {@link LexError}. */
export function tokenize(source: string): Token[] {
  const stream = new Stream(source);
  const tokens: Token[] = [];
  let state: TokenKind = TokenKind.UNKNOWN;
  while (stream.canRead()) {
    const token = readToken(stream, state);
    if (!token) break;
    state = token.kind;
    tokens.push(token);
  }

  let depth = 0;
  for (const token of tokens) {
    if (token.kind === TokenKind.CLAUSE) depth++;
    if (token.kind === TokenKind.CLAUSE_CLOSE) depth--;
  }
  if (depth !== 0) throw new LexError("Unbalanced parenthesis", -1);

  let last: Token | undefined;
  state = TokenKind.UNKNOWN;
  for (const token of tokens) {
    if (!canTransition(state, token.kind)) {
      if (last?.kind === TokenKind.VARIABLE && token.kind === TokenKind.CLAUSE) {
        throw new LexError(`Undefined function ${formatGoV(last.value)}`, last.position);
      }
      throw new LexError(`Cannot transition token types from ${describe(last)} to ${describe(token)}`, token.position);
    }
    state = token.kind;
    last = token;
  }
  if (!lexerStates[state].isEOF) throw new LexError("Unexpected end of expression", Array.from(source).length);

  for (const [index, token] of tokens.entries()) {
    if (token.kind !== TokenKind.COMPARATOR || (token.value !== "=~" && token.value !== "!~")) continue;
    const operand = tokens[index + 1];
    if (operand?.kind !== TokenKind.STRING) continue;
    try {
      tokens[index + 1] = {
        ...operand,
        kind: TokenKind.PATTERN,
        value: new GoRegexp(typeof operand.value === "string" ? operand.value : ""),
      };
    } catch (error) {
      throw new LexError(error instanceof Error ? error.message : String(error), operand.position);
    }
  }
  return tokens;
}

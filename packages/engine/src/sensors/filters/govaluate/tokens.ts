/**
 * Token kinds of the govaluate language and its token-transition table: which kind may follow which, and which
 * kinds may end an expression. The table is govaluate's grammar (the library has no other), so it decides both the
 * lexer's `-` (prefix negation or minus) and the syntax check done at compile time.
 */

export const TokenKind = {
  UNKNOWN: "UNKNOWN",
  PREFIX: "PREFIX",
  NUMERIC: "NUMERIC",
  BOOLEAN: "BOOLEAN",
  STRING: "STRING",
  PATTERN: "PATTERN",
  TIME: "TIME",
  VARIABLE: "VARIABLE",
  FUNCTION: "FUNCTION",
  SEPARATOR: "SEPARATOR",
  ACCESSOR: "ACCESSOR",
  COMPARATOR: "COMPARATOR",
  LOGICALOP: "LOGICALOP",
  MODIFIER: "MODIFIER",
  CLAUSE: "CLAUSE",
  CLAUSE_CLOSE: "CLAUSE_CLOSE",
  TERNARY: "TERNARY",
} as const;

export type TokenKind = (typeof TokenKind)[keyof typeof TokenKind];

/** A compiled regular expression literal; prints as its pattern, like Go's `*regexp.Regexp`. */
export interface PatternValue {
  readonly source: string;
  test(input: string): boolean;
}

export type TokenValue = string | number | boolean | readonly string[] | PatternValue;

export interface Token {
  kind: TokenKind;
  /** Operator symbol, variable name, literal value, accessor path, or "(" / ")" / "," for punctuation. */
  value: TokenValue;
  /** Offset of the token's first character, in code points. */
  position: number;
}

interface LexerState {
  isEOF: boolean;
  next: readonly TokenKind[];
}

const K = TokenKind;
const valueStart = [
  K.PREFIX,
  K.NUMERIC,
  K.BOOLEAN,
  K.VARIABLE,
  K.PATTERN,
  K.FUNCTION,
  K.ACCESSOR,
  K.STRING,
  K.TIME,
  K.CLAUSE,
];
const afterLiteral = [K.MODIFIER, K.COMPARATOR, K.LOGICALOP, K.CLAUSE_CLOSE, K.TERNARY, K.SEPARATOR];

/** Which kinds may follow each kind (govaluate's `validLexerStates`). */
export const lexerStates: Record<TokenKind, LexerState> = {
  UNKNOWN: { isEOF: false, next: valueStart },
  CLAUSE: { isEOF: false, next: [...valueStart, K.CLAUSE_CLOSE] },
  CLAUSE_CLOSE: {
    isEOF: true,
    next: [
      K.COMPARATOR,
      K.MODIFIER,
      K.NUMERIC,
      K.BOOLEAN,
      K.VARIABLE,
      K.STRING,
      K.PATTERN,
      K.TIME,
      K.CLAUSE,
      K.CLAUSE_CLOSE,
      K.LOGICALOP,
      K.TERNARY,
      K.SEPARATOR,
    ],
  },
  NUMERIC: { isEOF: true, next: afterLiteral },
  BOOLEAN: { isEOF: true, next: afterLiteral },
  STRING: { isEOF: true, next: afterLiteral },
  TIME: { isEOF: true, next: [K.MODIFIER, K.COMPARATOR, K.LOGICALOP, K.CLAUSE_CLOSE, K.SEPARATOR] },
  PATTERN: { isEOF: true, next: [K.MODIFIER, K.COMPARATOR, K.LOGICALOP, K.CLAUSE_CLOSE, K.SEPARATOR] },
  VARIABLE: { isEOF: true, next: afterLiteral },
  MODIFIER: {
    isEOF: false,
    next: [K.PREFIX, K.NUMERIC, K.VARIABLE, K.FUNCTION, K.ACCESSOR, K.STRING, K.BOOLEAN, K.CLAUSE, K.CLAUSE_CLOSE],
  },
  COMPARATOR: {
    isEOF: false,
    next: [
      K.PREFIX,
      K.NUMERIC,
      K.BOOLEAN,
      K.VARIABLE,
      K.FUNCTION,
      K.ACCESSOR,
      K.STRING,
      K.TIME,
      K.CLAUSE,
      K.CLAUSE_CLOSE,
      K.PATTERN,
    ],
  },
  LOGICALOP: {
    isEOF: false,
    next: [
      K.PREFIX,
      K.NUMERIC,
      K.BOOLEAN,
      K.VARIABLE,
      K.FUNCTION,
      K.ACCESSOR,
      K.STRING,
      K.TIME,
      K.CLAUSE,
      K.CLAUSE_CLOSE,
    ],
  },
  PREFIX: { isEOF: false, next: [K.NUMERIC, K.BOOLEAN, K.VARIABLE, K.FUNCTION, K.ACCESSOR, K.CLAUSE, K.CLAUSE_CLOSE] },
  TERNARY: {
    isEOF: false,
    next: [K.PREFIX, K.NUMERIC, K.BOOLEAN, K.STRING, K.TIME, K.VARIABLE, K.FUNCTION, K.ACCESSOR, K.CLAUSE, K.SEPARATOR],
  },
  FUNCTION: { isEOF: false, next: [K.CLAUSE] },
  ACCESSOR: {
    isEOF: true,
    next: [K.CLAUSE, K.MODIFIER, K.COMPARATOR, K.LOGICALOP, K.CLAUSE_CLOSE, K.TERNARY, K.SEPARATOR],
  },
  SEPARATOR: {
    isEOF: false,
    next: [K.PREFIX, K.NUMERIC, K.BOOLEAN, K.STRING, K.TIME, K.VARIABLE, K.FUNCTION, K.ACCESSOR, K.CLAUSE],
  },
};

export function canTransition(from: TokenKind, to: TokenKind): boolean {
  return lexerStates[from].next.includes(to);
}

/** Operator symbols by token category (govaluate's symbol maps). */
export const comparatorSymbols = new Set(["==", "!=", ">", ">=", "<", "<=", "=~", "!~", "in"]);
export const logicalSymbols = new Set(["&&", "||"]);
export const prefixSymbols = new Set(["-", "!", "~"]);
export const ternarySymbols = new Set(["?", ":", "??"]);
export const modifierSymbols = new Set(["+", "-", "*", "/", "%", "**", "&", "|", "^", ">>", "<<"]);

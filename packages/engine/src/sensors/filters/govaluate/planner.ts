/**
 * govaluate's "stage planner": it turns tokens into an evaluation tree with one right-recursive function per
 * precedence level, then "reorders" runs of equal-precedence operators by mirroring them so that `1 - 2 - 3` is
 * `(1 - 2) - 3`. The mirroring has known quirks on mixed chains (e.g. `a ? b : c` becomes `(a ? b) : c`, and
 * `??`, `?` and `:` share one level); replicating the algorithm, not an idealised grammar, is what keeps results
 * identical to Argo Events. Pure; runs at compile time.
 */
import { formatGoV } from "../../../sources/expr/goFormat.ts";
import { LexError } from "./lexer.ts";
import { TokenKind, type Token } from "./tokens.ts";

export type OperatorSymbol =
  | "EQ"
  | "NEQ"
  | "GT"
  | "LT"
  | "GTE"
  | "LTE"
  | "REQ"
  | "NREQ"
  | "IN"
  | "AND"
  | "OR"
  | "PLUS"
  | "MINUS"
  | "BITWISE_AND"
  | "BITWISE_OR"
  | "BITWISE_XOR"
  | "BITWISE_LSHIFT"
  | "BITWISE_RSHIFT"
  | "MULTIPLY"
  | "DIVIDE"
  | "MODULUS"
  | "EXPONENT"
  | "NEGATE"
  | "INVERT"
  | "BITWISE_NOT"
  | "TERNARY_TRUE"
  | "TERNARY_FALSE"
  | "COALESCE"
  | "SEPARATE";

/** What a stage does; swapped wholesale between stages when a chain is mirrored (Go's `swapWith`). */
export type StageOp =
  | { symbol: "VALUE"; name: string }
  | { symbol: "LITERAL"; value: unknown }
  | { symbol: "NOOP" }
  | { symbol: "ACCESS"; path: readonly string[] }
  | { symbol: OperatorSymbol };

export interface Stage {
  left: Stage | null;
  right: Stage | null;
  op: StageOp;
}

type Precedent = (stream: TokenStream) => Stage | null;

class TokenStream {
  index = 0;
  constructor(readonly tokens: readonly Token[]) {}
  hasNext(): boolean {
    return this.index < this.tokens.length;
  }
  next(): Token {
    const token = this.tokens[this.index];
    if (!token) throw new LexError("Unexpected end of expression", -1);
    this.index++;
    return token;
  }
  rewind(): void {
    this.index--;
  }
}

const symbols = {
  prefix: { "-": "NEGATE", "!": "INVERT", "~": "BITWISE_NOT" },
  exponential: { "**": "EXPONENT" },
  multiplicative: { "*": "MULTIPLY", "/": "DIVIDE", "%": "MODULUS" },
  additive: { "+": "PLUS", "-": "MINUS" },
  shift: { ">>": "BITWISE_RSHIFT", "<<": "BITWISE_LSHIFT" },
  bitwise: { "^": "BITWISE_XOR", "&": "BITWISE_AND", "|": "BITWISE_OR" },
  comparator: {
    "==": "EQ",
    "!=": "NEQ",
    ">": "GT",
    ">=": "GTE",
    "<": "LT",
    "<=": "LTE",
    "=~": "REQ",
    "!~": "NREQ",
    in: "IN",
  },
  and: { "&&": "AND" },
  or: { "||": "OR" },
  ternary: { "?": "TERNARY_TRUE", ":": "TERNARY_FALSE", "??": "COALESCE" },
  separator: { ",": "SEPARATE" },
} satisfies Record<string, Record<string, OperatorSymbol>>;

interface Level {
  table: Record<string, OperatorSymbol>;
  kind: TokenKind;
  /** Parses the operands (the next tighter level). */
  next: () => Precedent | null;
  /** Parses the right operand; the level itself (right recursion) unless given. */
  nextRight?: () => Precedent;
}

function level({ table, kind, next, nextRight }: Level): Precedent {
  const self: Precedent = (stream) => {
    const leftPrecedent = next();
    const left = leftPrecedent ? leftPrecedent(stream) : null;
    while (stream.hasNext()) {
      const token = stream.next();
      if (token.kind !== kind || typeof token.value !== "string") break;
      const symbol = Object.hasOwn(table, token.value) ? table[token.value] : undefined;
      if (!symbol) break;
      const right = (nextRight ? nextRight() : self)(stream);
      return { left, right, op: { symbol } };
    }
    // Rewinds even when the loop never ran (end of input): harmless, the last token is re-read and rejected.
    stream.rewind();
    return left;
  };
  return self;
}

const M = TokenKind.MODIFIER;
const planPrefix: Precedent = level({
  table: symbols.prefix,
  kind: TokenKind.PREFIX,
  next: () => null,
  nextRight: () => planFunction,
});
const planExponential = level({ table: symbols.exponential, kind: M, next: () => planFunction });
const planMultiplicative = level({ table: symbols.multiplicative, kind: M, next: () => planExponential });
const planAdditive = level({ table: symbols.additive, kind: M, next: () => planMultiplicative });
const planShift = level({ table: symbols.shift, kind: M, next: () => planAdditive });
const planBitwise = level({ table: symbols.bitwise, kind: M, next: () => planShift });
const planComparator = level({ table: symbols.comparator, kind: TokenKind.COMPARATOR, next: () => planBitwise });
const planLogicalAnd = level({ table: symbols.and, kind: TokenKind.LOGICALOP, next: () => planComparator });
const planLogicalOr = level({ table: symbols.or, kind: TokenKind.LOGICALOP, next: () => planLogicalAnd });
const planTernary = level({ table: symbols.ternary, kind: TokenKind.TERNARY, next: () => planLogicalOr });
const planSeparator = level({ table: symbols.separator, kind: TokenKind.SEPARATOR, next: () => planTernary });

function planTokens(stream: TokenStream): Stage | null {
  if (!stream.hasNext()) return null;
  return planSeparator(stream);
}

function planFunction(stream: TokenStream): Stage | null {
  // Argo Events registers no functions, so a FUNCTION token never occurs; go straight to accessors.
  stream.next();
  stream.rewind();
  return planAccessor(stream);
}

function planAccessor(stream: TokenStream): Stage | null {
  if (!stream.hasNext()) return null;
  const token = stream.next();
  if (token.kind !== TokenKind.ACCESSOR) {
    stream.rewind();
    return planValue(stream);
  }
  let right: Stage | null = null;
  if (stream.hasNext()) {
    const other = stream.next();
    stream.rewind();
    // Method arguments: govaluate plans the whole rest of the stream from the "(" on.
    if (other.kind === TokenKind.CLAUSE) right = planTokens(stream);
  }
  return { left: null, right, op: { symbol: "ACCESS", path: token.value as readonly string[] } };
}

function planValue(stream: TokenStream): Stage | null {
  if (!stream.hasNext()) return null;
  const token = stream.next();
  const leaf = (op: StageOp): Stage => ({ left: null, right: null, op });
  switch (token.kind) {
    case TokenKind.CLAUSE: {
      const inner = planTokens(stream);
      stream.next();
      // The NOOP wrapper stops reordering from reaching into the parentheses.
      return { left: null, right: inner, op: { symbol: "NOOP" } };
    }
    case TokenKind.CLAUSE_CLOSE:
      stream.rewind();
      return null;
    case TokenKind.VARIABLE:
      return leaf({ symbol: "VALUE", name: token.value as string });
    case TokenKind.NUMERIC:
    case TokenKind.STRING:
    case TokenKind.PATTERN:
    case TokenKind.BOOLEAN:
    case TokenKind.TIME:
      return leaf({ symbol: "LITERAL", value: token.value });
    case TokenKind.PREFIX:
      stream.rewind();
      return planPrefix(stream);
    default:
      throw new LexError(
        `Unable to plan token kind: '${token.kind}', value: '${formatGoV(token.value)}'`,
        token.position,
      );
  }
}

const precedence: Record<StageOp["symbol"], number> = {
  NOOP: 0,
  VALUE: 1,
  LITERAL: 1,
  ACCESS: 2,
  NEGATE: 3,
  INVERT: 3,
  BITWISE_NOT: 3,
  EXPONENT: 4,
  PLUS: 5,
  MINUS: 5,
  BITWISE_AND: 6,
  BITWISE_OR: 6,
  BITWISE_XOR: 6,
  BITWISE_LSHIFT: 7,
  BITWISE_RSHIFT: 7,
  MULTIPLY: 8,
  DIVIDE: 8,
  MODULUS: 8,
  EQ: 9,
  NEQ: 9,
  GT: 9,
  LT: 9,
  GTE: 9,
  LTE: 9,
  REQ: 9,
  NREQ: 9,
  IN: 9,
  TERNARY_TRUE: 10,
  TERNARY_FALSE: 10,
  COALESCE: 10,
  AND: 11,
  OR: 12,
  SEPARATE: 13,
};

/** Walk each right spine; every run of equal-precedence stages gets mirrored (govaluate's `reorderStages`). */
function reorderStages(root: Stage): void {
  let run: Stage[] = [];
  let current: Stage | null = root;
  let runPrecedence = precedence[root.op.symbol];
  while (current) {
    const stage: Stage = current;
    current = stage.right;
    if (stage.left) reorderStages(stage.left);
    const p = precedence[stage.op.symbol];
    if (p === runPrecedence) {
      run.push(stage);
      continue;
    }
    if (run.length > 1) mirror(run);
    run = [stage];
    runPrecedence = p;
  }
  if (run.length > 1) mirror(run);
}

function mirror(stages: Stage[]): void {
  const n = stages.length;
  const at = (i: number): Stage => stages[i] as Stage;
  for (const stage of stages) [stage.left, stage.right] = [stage.right, stage.left];
  const root = at(0);
  const end = at(n - 1);
  [end.left, root.right] = [root.right, end.left];
  for (let i = 0; i < Math.trunc((n - 2) / 2) + 1; i++) {
    const front = at(i + 1);
    const inverse = at(n - i - 1);
    [front.right, inverse.right] = [inverse.right, front.right];
  }
  for (let i = 0; i < Math.trunc(n / 2); i++) {
    const front = at(i);
    const inverse = at(n - i - 1);
    [front.op, inverse.op] = [inverse.op, front.op];
  }
}

/** Build the evaluation tree for checked tokens; throws {@link LexError} for the few plans govaluate rejects. */
export function planStages(tokens: readonly Token[]): Stage | null {
  const root = planTokens(new TokenStream(tokens));
  if (root) reorderStages(root);
  return root;
}

/**
 * The expr v1.15.5 parser: precedence climbing with expr's operator table (`not` binds tighter than `==`, `??` binds
 * tightest and cannot be mixed with other operators, `**` and `^` are right-associative), postfix member/index/slice,
 * predicates with closures (`all(xs, # > 1)`, `.field` inside a closure), pipes and `let`. Pure; throws
 * {@link SourceError} at the first error.
 */
import { builtinNames, predicates, type Node, type NodeOf, type Pair } from "./ast.ts";
import { SourceError, lex, type Location, type Token } from "./lexer.ts";
import { binary, describe, isValidIdentifier, numberLiteral, unary } from "./syntax.ts";

class Parser {
  pos = 0;
  depth = 0;
  current: Token;
  constructor(readonly tokens: Token[]) {
    this.current = tokens[0] as Token;
  }

  is(token: Token, kind: Token["kind"], ...values: string[]): boolean {
    return token.kind === kind && (values.length === 0 || values.includes(token.value));
  }

  fail(message: string, token: Token = this.current): never {
    throw new SourceError(message, token.location);
  }

  next(): void {
    this.pos++;
    const token = this.tokens[this.pos];
    if (!token) this.fail("unexpected end of expression");
    this.current = token;
  }

  expect(kind: Token["kind"], ...values: string[]): void {
    if (!this.is(this.current, kind, ...values)) this.fail(`unexpected token ${describe(this.current)}`);
    this.next();
  }

  node<K extends Node["kind"]>(location: Location, fields: Omit<NodeOf<K>, "location" | "type">): NodeOf<K> {
    return { ...fields, location } as NodeOf<K>;
  }

  parseExpression(precedence: number): Node {
    if (precedence === 0 && this.is(this.current, "Operator", "let")) return this.parseLet();
    let left = this.parsePrimary();
    let prevOperator = "";
    let opToken = this.current;
    while (this.is(opToken, "Operator")) {
      let negate = false;
      let notToken = opToken;
      if (this.is(opToken, "Operator", "not")) {
        this.next();
        notToken = opToken;
        negate = true;
        opToken = this.current;
      }
      // Like expr, the token after `not` is looked up by its text whatever its kind.
      const op = Object.hasOwn(binary, opToken.value) ? binary[opToken.value] : undefined;
      if (!op || op.precedence < precedence) break;
      this.next();
      if (opToken.value === "|") {
        left = this.parsePipe(left);
      } else {
        if (prevOperator === "??" && opToken.value !== "??") {
          this.fail(
            `Operator (${opToken.value}) and coalesce expressions (??) cannot be mixed. Wrap either by parentheses.`,
            opToken,
          );
        }
        const right = this.parseExpression(op.right ? op.precedence : op.precedence + 1);
        left = this.node<"binary">(opToken.location, { kind: "binary", operator: opToken.value, left, right });
        if (negate) left = this.node<"unary">(notToken.location, { kind: "unary", operator: "not", node: left });
      }
      prevOperator = opToken.value;
      opToken = this.current;
    }
    if (precedence === 0) left = this.parseConditional(left);
    return left;
  }

  parseLet(): Node {
    this.expect("Operator", "let");
    const name = this.current;
    this.expect("Identifier");
    this.expect("Operator", "=");
    const value = this.parseExpression(0);
    this.expect("Operator", ";");
    const expr = this.parseExpression(0);
    return this.node<"let">(name.location, { kind: "let", name: name.value, value, expr });
  }

  parseConditional(node: Node): Node {
    let result = node;
    while (this.is(this.current, "Operator", "?")) {
      this.next();
      let exp1: Node;
      if (!this.is(this.current, "Operator", ":")) {
        exp1 = this.parseExpression(0);
        this.expect("Operator", ":");
      } else {
        this.next();
        exp1 = result;
      }
      const exp2 = this.parseExpression(0);
      result = this.node<"conditional">(result.location, { kind: "conditional", cond: result, exp1, exp2 });
    }
    return result;
  }

  parsePrimary(): Node {
    const token = this.current;
    if (token.kind === "Operator" && Object.hasOwn(unary, token.value)) {
      this.next();
      const node = this.parseExpression(unary[token.value] as number);
      return this.parsePostfix(this.node<"unary">(token.location, { kind: "unary", operator: token.value, node }));
    }
    if (this.is(token, "Bracket", "(")) {
      this.next();
      const expr = this.parseExpression(0);
      this.expect("Bracket", ")");
      return this.parsePostfix(expr);
    }
    if (this.is(token, "Operator", "#") || this.is(token, "Operator", ".")) {
      if (this.depth === 0) this.fail("cannot use pointer accessor outside closure");
      let name = "";
      if (this.is(token, "Operator", "#")) {
        this.next();
        if (this.current.kind === "Identifier") {
          name = this.current.value;
          this.next();
        }
      }
      return this.parsePostfix(this.node<"pointer">(token.location, { kind: "pointer", name }));
    }
    return this.parseSecondary();
  }

  parseSecondary(): Node {
    const token = this.current;
    switch (token.kind) {
      case "Identifier":
        this.next();
        if (token.value === "true" || token.value === "false") {
          return this.node<"bool">(token.location, { kind: "bool", value: token.value === "true" });
        }
        if (token.value === "nil") return this.node<"nil">(token.location, { kind: "nil" });
        return this.parsePostfix(this.parseCall(token));
      case "Number":
        this.next();
        return numberLiteral(token);
      case "String":
        this.next();
        return this.node<"string">(token.location, { kind: "string", value: token.value });
      default:
        if (this.is(token, "Bracket", "[")) return this.parsePostfix(this.parseArray(token));
        if (this.is(token, "Bracket", "{")) return this.parsePostfix(this.parseMap(token));
        return this.fail(`unexpected token ${describe(token)}`);
    }
  }

  parseCall(token: Token): Node {
    if (!this.is(this.current, "Bracket", "("))
      return this.node<"identifier">(token.location, { kind: "identifier", name: token.value });
    const arity = Object.hasOwn(predicates, token.value) ? predicates[token.value] : undefined;
    if (arity !== undefined) {
      this.expect("Bracket", "(");
      const args: Node[] = [this.parseExpression(0)];
      this.expect("Operator", ",");
      args.push(this.parseClosure());
      if (token.value === "reduce" && this.is(this.current, "Operator", ",")) {
        this.next();
        args.push(this.parseExpression(0));
      }
      this.expect("Bracket", ")");
      return this.node<"builtin">(token.location, { kind: "builtin", name: token.value, args });
    }
    if (builtinNames.has(token.value)) {
      return this.node<"builtin">(token.location, { kind: "builtin", name: token.value, args: this.parseArguments() });
    }
    const callee = this.node<"identifier">(token.location, { kind: "identifier", name: token.value });
    return this.node<"call">(token.location, { kind: "call", callee, args: this.parseArguments() });
  }

  parseClosure(): Node {
    const start = this.current;
    const braced = this.is(start, "Bracket", "{");
    if (braced) this.next();
    this.depth++;
    const node = this.parseExpression(0);
    this.depth--;
    if (braced) this.expect("Bracket", "}");
    return this.node<"closure">(start.location, { kind: "closure", node });
  }

  parseArray(token: Token): Node {
    const nodes: Node[] = [];
    this.expect("Bracket", "[");
    while (!this.is(this.current, "Bracket", "]")) {
      if (nodes.length > 0) {
        this.expect("Operator", ",");
        if (this.is(this.current, "Bracket", "]")) break;
      }
      nodes.push(this.parseExpression(0));
    }
    this.expect("Bracket", "]");
    return this.node<"array">(token.location, { kind: "array", nodes });
  }

  parseMap(token: Token): Node {
    this.expect("Bracket", "{");
    const pairs: Pair[] = [];
    while (!this.is(this.current, "Bracket", "}")) {
      if (pairs.length > 0) {
        this.expect("Operator", ",");
        if (this.is(this.current, "Bracket", "}")) break;
        if (this.is(this.current, "Operator", ",")) this.fail(`unexpected token ${describe(this.current)}`);
      }
      let key: Node;
      const c = this.current;
      if (c.kind === "Number" || c.kind === "String" || c.kind === "Identifier") {
        key = this.node<"string">(token.location, { kind: "string", value: c.value });
        this.next();
      } else if (this.is(c, "Bracket", "(")) {
        key = this.parseExpression(0);
      } else {
        this.fail(
          `a map key must be a quoted string, a number, a identifier, or an expression enclosed in parentheses (unexpected token ${describe(c)})`,
        );
      }
      this.expect("Operator", ":");
      pairs.push({ key, value: this.parseExpression(0) });
    }
    this.expect("Bracket", "}");
    return this.node<"map">(token.location, { kind: "map", pairs });
  }

  parsePostfix(start: Node): Node {
    let node = start;
    for (let t = this.current; t.kind === "Operator" || t.kind === "Bracket"; t = this.current) {
      if (t.value === "." || t.value === "?.") {
        this.next();
        const property = this.current;
        this.next();
        if (property.kind !== "Identifier" && (property.kind !== "Operator" || !isValidIdentifier(property.value))) {
          this.fail("expected name");
        }
        const isChain = node.kind === "chain";
        const optional = t.value === "?.";
        const base = node.kind === "chain" ? node.node : node;
        const prop = this.node<"string">(property.location, { kind: "string", value: property.value });
        const member = this.node<"member">(property.location, { kind: "member", node: base, property: prop, optional });
        node = this.is(this.current, "Bracket", "(")
          ? this.node<"call">(property.location, { kind: "call", callee: member, args: this.parseArguments() })
          : member;
        if (isChain || optional) node = this.node<"chain">(node.location, { kind: "chain", node });
      } else if (t.value === "[") {
        this.next();
        if (this.is(this.current, "Operator", ":")) {
          this.next();
          const to = this.is(this.current, "Bracket", "]") ? null : this.parseExpression(0);
          node = this.node<"slice">(t.location, { kind: "slice", node, from: null, to });
          this.expect("Bracket", "]");
        } else {
          const from = this.parseExpression(0);
          if (this.is(this.current, "Operator", ":")) {
            this.next();
            const to = this.is(this.current, "Bracket", "]") ? null : this.parseExpression(0);
            node = this.node<"slice">(t.location, { kind: "slice", node, from, to });
          } else {
            node = this.node<"member">(t.location, { kind: "member", node, property: from, optional: false });
          }
          this.expect("Bracket", "]");
        }
      } else break;
    }
    return node;
  }

  parsePipe(left: Node): Node {
    const identifier = this.current;
    this.expect("Identifier");
    const args: Node[] = [left];
    const name = identifier.value;
    if (Object.hasOwn(predicates, name)) {
      this.expect("Bracket", "(");
      if (predicates[name] === 2) args.push(this.parseClosure());
      if (name === "reduce") {
        args.push(this.parseClosure());
        if (this.is(this.current, "Operator", ",")) {
          this.next();
          args.push(this.parseExpression(0));
        }
      }
      this.expect("Bracket", ")");
      return this.node<"builtin">(identifier.location, { kind: "builtin", name, args });
    }
    if (builtinNames.has(name)) {
      return this.node<"builtin">(identifier.location, {
        kind: "builtin",
        name,
        args: [...args, ...this.parseArguments()],
      });
    }
    const callee = this.node<"identifier">(identifier.location, { kind: "identifier", name });
    return this.node<"call">(identifier.location, { kind: "call", callee, args: [...args, ...this.parseArguments()] });
  }

  parseArguments(): Node[] {
    this.expect("Bracket", "(");
    const nodes: Node[] = [];
    while (!this.is(this.current, "Bracket", ")")) {
      if (nodes.length > 0) this.expect("Operator", ",");
      nodes.push(this.parseExpression(0));
    }
    this.expect("Bracket", ")");
    return nodes;
  }
}

/** Parse expr source into an AST; throws {@link SourceError}. */
export function parse(source: string): Node {
  const parser = new Parser(lex(source));
  const node = parser.parseExpression(0);
  if (parser.current.kind !== "EOF") parser.fail(`unexpected token ${describe(parser.current)}`);
  return node;
}

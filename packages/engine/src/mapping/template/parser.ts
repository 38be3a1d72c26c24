/**
 * Parser for the supported Go text/template subset. Pure and deterministic; runs when a manifest is applied.
 * It follows text/template/parse: the same grammar, the same checks (undefined variables, undefined functions,
 * non-executable pipeline stages, break/continue outside range) and similar messages. `define`, `template` and
 * `block` are rejected because Signalbox templates are single, anonymous templates.
 */

import type {
  ArgNode,
  CommandNode,
  ControlNode,
  ListNode,
  NumberNode,
  PipeNode,
  TreeNode,
  VariableNode,
} from "./ast.ts";
import { nodeString } from "./ast.ts";
import type { Token, TokenType } from "./lexer.ts";
import { parseNumber, unquoteString } from "./literals.ts";
import { ParseFailure, type TemplateParseIssue, TokenStream } from "./parseStream.ts";

export type { TemplateParseIssue } from "./parseStream.ts";

const MAX_PAREN_DEPTH = 1000;

type EndNode = { readonly type: "end" | "else"; readonly pos: number };

/** Parses a template into its tree, or returns the issues. `hasFunction` decides which identifiers exist. */
export function parseTree(
  source: string,
  hasFunction: (name: string) => boolean,
): { root: ListNode; issues: TemplateParseIssue[] } {
  const p = new Parser(source, hasFunction);
  try {
    const root = p.parse();
    return { root, issues: p.issues };
  } catch (e) {
    if (e instanceof ParseFailure) {
      return {
        root: { type: "list", pos: 0, nodes: [] },
        issues: [...p.issues, { message: e.message, offset: e.offset }],
      };
    }
    if (e instanceof RangeError) {
      return {
        root: { type: "list", pos: 0, nodes: [] },
        issues: [{ message: "template nested too deeply", offset: 0 }],
      };
    }
    throw e;
  }
}

class Parser extends TokenStream {
  readonly issues: TemplateParseIssue[] = [];
  private vars: string[] = ["$"];
  private rangeDepth = 0;
  private parenDepth = 0;
  private readonly hasFunction: (name: string) => boolean;

  constructor(source: string, hasFunction: (name: string) => boolean) {
    super(source);
    this.hasFunction = hasFunction;
  }

  parse(): ListNode {
    const nodes: TreeNode[] = [];
    while (this.peek().type !== "eof") {
      const n = this.textOrAction();
      if (n.type === "end" || n.type === "else") this.fail(`unexpected {{${n.type}}}`, n.pos);
      nodes.push(n as TreeNode);
    }
    return { type: "list", pos: 0, nodes };
  }

  // Grammar.

  private itemList(): { list: ListNode; end: EndNode } {
    const nodes: TreeNode[] = [];
    const pos = this.peekNonSpace().pos;
    while (this.peekNonSpace().type !== "eof") {
      const n = this.textOrAction();
      if (n.type === "end" || n.type === "else") return { list: { type: "list", pos, nodes }, end: n };
      nodes.push(n as TreeNode);
    }
    this.fail("unexpected EOF", this.source.length);
  }

  private textOrAction(): TreeNode | EndNode {
    const t = this.nextNonSpace();
    switch (t.type) {
      case "text":
        return { type: "text", pos: t.pos, text: t.val };
      case "leftDelim":
        return this.action();
      default:
        this.unexpected(t, "input");
    }
  }

  private action(): TreeNode | EndNode {
    const t = this.nextNonSpace();
    switch (t.type) {
      case "define":
      case "template":
      case "block":
        this.fail(`{{${t.type}}} is not supported: Signalbox templates cannot define or call named templates`, t.pos);
        break;
      case "break":
      case "continue": {
        const close = this.nextNonSpace();
        if (close.type !== "rightDelim") this.unexpected(close, `{{${t.type}}}`);
        if (this.rangeDepth === 0) this.fail(`{{${t.type}}} outside {{range}}`, t.pos);
        return { type: t.type, pos: t.pos };
      }
      case "else": {
        const peek = this.peekNonSpace();
        if (peek.type === "if" || peek.type === "with") return { type: "else", pos: peek.pos };
        this.expect("rightDelim", "else");
        return { type: "else", pos: t.pos };
      }
      case "end":
        this.expect("rightDelim", "end");
        return { type: "end", pos: t.pos };
      case "if":
      case "range":
      case "with":
        return this.control(t.type);
      default:
        break; // a pipeline
    }
    this.i--;
    const pos = this.peek().pos;
    return { type: "action", pos, pipe: this.pipeline("command", "rightDelim") };
  }

  private control(context: "if" | "range" | "with"): ControlNode {
    const mark = this.vars.length;
    const pipe = this.pipeline(context, "rightDelim");
    if (context === "range") this.rangeDepth++;
    const { list, end } = this.itemList();
    if (context === "range") this.rangeDepth--;
    let elseList: ListNode | undefined;
    if (end.type === "else") {
      const peek = this.peek();
      if ((context === "if" && peek.type === "if") || (context === "with" && peek.type === "with")) {
        this.next();
        elseList = { type: "list", pos: end.pos, nodes: [this.control(context)] };
      } else {
        const rest = this.itemList();
        if (rest.end.type !== "end") this.fail(`expected end; found {{${rest.end.type}}}`, rest.end.pos);
        elseList = rest.list;
      }
    }
    this.vars = this.vars.slice(0, mark);
    return { type: context, pos: pipe.pos, pipe, list, elseList };
  }

  private pipeline(context: string, end: TokenType): PipeNode {
    const pos = this.peekNonSpace().pos;
    const decl: VariableNode[] = [];
    let isAssign = false;
    for (;;) {
      const v = this.peekNonSpace();
      if (v.type !== "variable") break;
      const save = this.i;
      this.next();
      const next = this.peekNonSpace();
      if (next.type === "assign" || next.type === "declare") {
        isAssign = next.type === "assign";
        this.nextNonSpace();
        decl.push({ type: "variable", pos: v.pos, ident: [v.val] });
        this.vars.push(v.val);
        break;
      }
      if (next.type === "char" && next.val === ",") {
        this.nextNonSpace();
        decl.push({ type: "variable", pos: v.pos, ident: [v.val] });
        this.vars.push(v.val);
        if (context === "range" && decl.length < 2) {
          const after = this.peekNonSpace().type;
          if (after === "variable" || after === "rightDelim" || after === "rightParen") continue;
          this.fail("range can only initialize variables", v.pos);
        }
        this.fail(`too many declarations in ${context}`, v.pos);
      }
      this.i = save;
      break;
    }
    const cmds: CommandNode[] = [];
    for (;;) {
      const t = this.nextNonSpace();
      if (t.type === end) {
        if (cmds.length === 0) this.fail(`missing value for ${context}`, t.pos);
        cmds.slice(1).forEach((c, i) => {
          const first = c.args[0];
          if (first && ["bool", "dot", "nil", "number", "string"].includes(first.type)) {
            this.fail(`non executable command in pipeline stage ${i + 2}`, c.pos);
          }
        });
        return { type: "pipe", pos, isAssign, decl, cmds };
      }
      switch (t.type) {
        case "bool":
        case "charConstant":
        case "complex":
        case "dot":
        case "field":
        case "identifier":
        case "number":
        case "nil":
        case "rawString":
        case "string":
        case "variable":
        case "leftParen":
          this.i--;
          cmds.push(this.command());
          break;
        default:
          this.unexpected(t, context);
      }
    }
  }

  private command(): CommandNode {
    const pos = this.peekNonSpace().pos;
    const args: ArgNode[] = [];
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) args.push(operand);
      const t = this.next();
      if (t.type === "space") continue;
      if (t.type === "rightDelim" || t.type === "rightParen") this.i--;
      else if (t.type !== "pipe") this.unexpected(t, "operand");
      break;
    }
    if (args.length === 0) this.fail("empty command", pos);
    return { type: "command", pos, args };
  }

  private operand(): ArgNode | undefined {
    const node = this.term();
    if (!node || this.peek().type !== "field") return node;
    const fields: string[] = [];
    const pos = this.peek().pos;
    while (this.peek().type === "field") fields.push(this.next().val.slice(1));
    switch (node.type) {
      // Go positions a merged field or variable at its second element.
      case "field":
        return { type: "field", pos, ident: [...node.ident, ...fields] };
      case "variable":
        return { type: "variable", pos, ident: [...node.ident, ...fields] };
      case "bool":
      case "string":
      case "number":
      case "nil":
      case "dot":
        this.fail(`unexpected . after term ${JSON.stringify(nodeString(node))}`, pos);
        break;
      default:
        break; // (pipeline).field or function.field
    }
    return { type: "chain", pos, node, field: fields };
  }

  private term(): ArgNode | undefined {
    const t = this.nextNonSpace();
    switch (t.type) {
      case "identifier":
        if (!this.hasFunction(t.val)) {
          // Keep parsing so every unsupported function in the template is reported at once.
          this.issues.push({ message: `function ${JSON.stringify(t.val)} not defined`, offset: t.pos });
        }
        return { type: "identifier", pos: t.pos, name: t.val };
      case "dot":
        return { type: "dot", pos: t.pos };
      case "nil":
        return { type: "nil", pos: t.pos };
      case "variable":
        if (!this.vars.includes(t.val)) this.fail(`undefined variable ${JSON.stringify(t.val)}`, t.pos);
        return { type: "variable", pos: t.pos, ident: [t.val] };
      case "field":
        return { type: "field", pos: t.pos, ident: [t.val.slice(1)] };
      case "bool":
        return { type: "bool", pos: t.pos, value: t.val === "true" };
      case "charConstant":
      case "complex":
      case "number":
        return this.number(t);
      case "leftParen": {
        if (this.parenDepth >= MAX_PAREN_DEPTH) this.fail("max expression depth exceeded", t.pos);
        this.parenDepth++;
        const pipe = this.pipeline("parenthesized pipeline", "rightParen");
        this.parenDepth--;
        return pipe;
      }
      case "string":
      case "rawString":
        try {
          return { type: "string", pos: t.pos, quoted: t.val, text: unquoteString(t.val) };
        } catch {
          this.fail(`invalid syntax in string literal ${t.val}`, t.pos);
        }
        break;
      default:
        break; // not an operand
    }
    this.i--;
    return undefined;
  }

  private number(t: Token): NumberNode {
    try {
      const v = parseNumber(t.val, t.type === "charConstant");
      return { type: "number", pos: t.pos, text: t.val, isChar: t.type === "charConstant", ...v };
    } catch (e) {
      this.fail(e instanceof Error ? e.message : String(e), t.pos);
    }
  }
}

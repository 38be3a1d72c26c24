/**
 * The parse tree of a template, mirroring Go's text/template/parse nodes. Positions are UTF-16 offsets into the
 * template source.
 */

export interface TextNode {
  readonly type: "text";
  readonly pos: number;
  readonly text: string;
}

export interface ActionNode {
  readonly type: "action";
  readonly pos: number;
  readonly pipe: PipeNode;
}

export interface ControlNode {
  readonly type: "if" | "with" | "range";
  readonly pos: number;
  readonly pipe: PipeNode;
  readonly list: ListNode;
  readonly elseList: ListNode | undefined;
}

export interface ListNode {
  readonly type: "list";
  readonly pos: number;
  readonly nodes: TreeNode[];
}

export interface BreakNode {
  readonly type: "break" | "continue";
  readonly pos: number;
}

/** Statement-level nodes. */
export type TreeNode = TextNode | ActionNode | ControlNode | ListNode | BreakNode;

export interface PipeNode {
  readonly type: "pipe";
  readonly pos: number;
  readonly isAssign: boolean;
  readonly decl: VariableNode[];
  readonly cmds: CommandNode[];
}

export interface CommandNode {
  readonly type: "command";
  readonly pos: number;
  readonly args: ArgNode[];
}

export interface FieldNode {
  readonly type: "field";
  readonly pos: number;
  /** Field names without dots: `.a.b` is `["a", "b"]`. */
  readonly ident: string[];
}

export interface VariableNode {
  readonly type: "variable";
  readonly pos: number;
  /** `$x.a.b` is `["$x", "a", "b"]`. */
  readonly ident: string[];
}

export interface ChainNode {
  readonly type: "chain";
  readonly pos: number;
  readonly node: ArgNode;
  readonly field: string[];
}

export interface IdentifierNode {
  readonly type: "identifier";
  readonly pos: number;
  readonly name: string;
}

export interface DotNode {
  readonly type: "dot";
  readonly pos: number;
}

export interface NilNode {
  readonly type: "nil";
  readonly pos: number;
}

export interface BoolNode {
  readonly type: "bool";
  readonly pos: number;
  readonly value: boolean;
}

export interface StringNode {
  readonly type: "string";
  readonly pos: number;
  /** The literal as written, quotes included. */
  readonly quoted: string;
  readonly text: string;
}

export interface NumberNode {
  readonly type: "number";
  readonly pos: number;
  readonly text: string;
  readonly isInt: boolean;
  readonly isUint: boolean;
  readonly isFloat: boolean;
  readonly isChar: boolean;
  readonly int64: bigint;
  readonly uint64: bigint;
  readonly float64: number;
}

/** Operands of a command. */
export type ArgNode =
  | FieldNode
  | VariableNode
  | ChainNode
  | IdentifierNode
  | DotNode
  | NilNode
  | BoolNode
  | StringNode
  | NumberNode
  | PipeNode;

/** Go's `Node.String()`, used in error messages. */
export function nodeString(n: ArgNode | CommandNode | TreeNode): string {
  switch (n.type) {
    case "field":
      return n.ident.map((f) => "." + f).join("");
    case "variable":
      return n.ident.join(".");
    case "chain": {
      const base = n.node.type === "pipe" ? `(${nodeString(n.node)})` : nodeString(n.node);
      return base + n.field.map((f) => "." + f).join("");
    }
    case "identifier":
      return n.name;
    case "dot":
      return ".";
    case "nil":
      return "nil";
    case "bool":
      return String(n.value);
    case "string":
      return n.quoted;
    case "number":
      return n.text;
    case "pipe": {
      const decl = n.decl.length > 0 ? n.decl.map(nodeString).join(", ") + (n.isAssign ? " = " : " := ") : "";
      return decl + n.cmds.map(nodeString).join(" | ");
    }
    case "command":
      return n.args.map((a) => (a.type === "pipe" ? `(${nodeString(a)})` : nodeString(a))).join(" ");
    case "text":
      return JSON.stringify(n.text);
    case "action":
      return `{{${nodeString(n.pipe)}}}`;
    case "list":
      return n.nodes.map(nodeString).join("");
    case "break":
    case "continue":
      return `{{${n.type}}}`;
    case "if":
    case "with":
    case "range": {
      const els = n.elseList ? `{{else}}${nodeString(n.elseList)}` : "";
      return `{{${n.type} ${nodeString(n.pipe)}}}${nodeString(n.list)}${els}{{end}}`;
    }
  }
}

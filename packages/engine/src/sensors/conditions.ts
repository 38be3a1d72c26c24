/**
 * Trigger `conditions` (§5.1): a boolean expression over dependency names with `&&`, `||` and parentheses; a
 * dependency is true while an event is held for it. Without `conditions`, every dependency joined with `&&`.
 */
import { conditionNames } from "../resources/semantics.ts";

/** A compiled conditions expression. */
export interface CompiledConditions {
  source: string;
  /** Dependencies the expression mentions: only these are subscribed. */
  dependencies: string[];
  /** Argo fires at once (no join) when the expression has no `&&`. */
  needsJoin: boolean;
  evaluate(held: ReadonlySet<string>): boolean;
}

type Node = { kind: "name"; name: string } | { kind: "and" | "or"; left: Node; right: Node };

/** Compile a trigger's expression; throws on a syntax error (validation catches those at apply time). */
export function compileConditions(conditions: string | undefined, allDependencies: readonly string[]): CompiledConditions {
  const source = conditions && conditions.trim() !== "" ? conditions : allDependencies.join(" && ");
  const tokens = source.match(/&&|\|\||\(|\)|[A-Za-z0-9_][A-Za-z0-9_-]*/g) ?? [];
  let position = 0;
  const peek = () => tokens[position];
  const parseOr = (): Node => {
    let left = parseAnd();
    while (peek() === "||") {
      position++;
      left = { kind: "or", left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): Node => {
    let left = parseAtom();
    while (peek() === "&&") {
      position++;
      left = { kind: "and", left, right: parseAtom() };
    }
    return left;
  };
  const parseAtom = (): Node => {
    const token = tokens[position++];
    if (token === "(") {
      const inner = parseOr();
      if (tokens[position++] !== ")") throw new Error(`conditions '${source}': missing ')'`);
      return inner;
    }
    if (!token || token === ")" || token === "&&" || token === "||") throw new Error(`conditions '${source}': unexpected '${token ?? "end"}'`);
    return { kind: "name", name: token };
  };
  const tree = parseOr();
  if (position !== tokens.length) throw new Error(`conditions '${source}': unexpected '${tokens[position]}'`);
  const evaluate = (node: Node, held: ReadonlySet<string>): boolean =>
    node.kind === "name" ? held.has(node.name) : node.kind === "and" ? evaluate(node.left, held) && evaluate(node.right, held) : evaluate(node.left, held) || evaluate(node.right, held);
  return {
    source,
    dependencies: conditionNames(source),
    needsJoin: source.includes("&&"),
    evaluate: (held) => evaluate(tree, held),
  };
}

/** Argo's durable consumer name of a (sensor, trigger, dependency): `group-<FNV-1a-32 in decimal>` (§2.2). */
export function durableName(sensor: string, trigger: string, dependency: string): string {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(`${sensor}-${trigger}-${dependency}`)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `group-${hash}`;
}

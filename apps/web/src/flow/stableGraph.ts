/**
 * Keeps object identity across refetches. The graph is rebuilt from API data on every change; these merges hand
 * React Flow the previous object for everything that did not change, so the memo()'d node components skip their
 * work and React Flow keeps what it measured. Pure.
 */
import type { Node } from "@xyflow/react";

/**
 * The nodes of `next`, where a node whose type, position and data equal those of the current node with the same id
 * is that current node (with its `measured` size and `selected` flag), and a changed node carries them over.
 */
export function mergeNodes<TNode extends Node>(current: readonly TNode[], next: readonly TNode[]): TNode[] {
  const byId = new Map(current.map((node) => [node.id, node]));
  let same = current.length === next.length;
  const merged = next.map((node, index) => {
    const old = byId.get(node.id);
    if (old === undefined) {
      same = false;
      return node;
    }
    if (
      old.type === node.type &&
      old.position.x === node.position.x &&
      old.position.y === node.position.y &&
      deepEqual(old.data, node.data)
    ) {
      if (current[index] !== old) same = false;
      return old;
    }
    same = false;
    return {
      ...node,
      ...(old.measured ? { measured: old.measured } : {}),
      ...(old.selected ? { selected: true } : {}),
    };
  });
  return same ? (current as TNode[]) : merged;
}

/** `next`, with each item that deep-equals its previous version (same `id`) replaced by that previous object. */
export function keepUnchanged<TItem extends { id: string }>(
  previous: readonly TItem[],
  next: readonly TItem[],
): TItem[] {
  const byId = new Map(previous.map((item) => [item.id, item]));
  let same = previous.length === next.length;
  const result = next.map((item, index) => {
    const old = byId.get(item.id);
    if (old !== undefined && deepEqual(old, item)) {
      if (previous[index] !== old) same = false;
      return old;
    }
    same = false;
    return item;
  });
  return same ? (previous as TItem[]) : result;
}

/** Structural equality of JSON-like values. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every(
    (key) =>
      Object.prototype.hasOwnProperty.call(b, key) &&
      deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

/**
 * Editing YAML text field by field without losing what a person wrote: comments, key order, quoting and blank lines
 * stay where they were, because every change goes through the `yaml` package's Document API (a change to one
 * value rewrites that node only; new keys are added after the existing ones). Pure: text in, text out.
 */
import { isCollection, isMap, isScalar, isSeq, parseDocument, type Document } from "yaml";

/** A path into a YAML document: map keys and sequence indexes. */
export type YamlPath = readonly (string | number)[];

/** A YAML syntax problem with its 1-based line. */
export interface YamlProblem {
  message: string;
  line: number;
}

/** Text parsed once: its value (plain JS) or what is wrong with it. */
export type ParsedYaml = { ok: true; value: unknown } | { ok: false; problems: YamlProblem[] };

function load(text: string): Document.Parsed {
  return parseDocument(text, { uniqueKeys: true, keepSourceTokens: false });
}

/** Parse one YAML document. */
export function parseYaml(text: string): ParsedYaml {
  const doc = load(text);
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) => ({
        message: error.message.split("\n")[0] ?? error.message,
        line: error.linePos?.[0]?.line ?? 0,
      })),
    };
  }
  return { ok: true, value: doc.toJS({ maxAliasCount: 100 }) as unknown };
}

function edit(text: string, change: (doc: Document.Parsed) => void): string {
  const doc = load(text);
  if (doc.errors.length > 0) throw new Error(`the YAML has errors: ${doc.errors[0]?.message ?? ""}`);
  change(doc);
  return doc.toString({ lineWidth: 0 });
}

/**
 * Set the value at `path`, creating missing maps on the way. An existing scalar keeps its node (comment, quoting);
 * `undefined` removes the key.
 */
export function setIn(text: string, path: YamlPath, value: unknown): string {
  return edit(text, (doc) => {
    if (value === undefined) {
      if (doc.hasIn(path)) doc.deleteIn(path);
      return;
    }
    const existing = doc.getIn(path, true);
    if (isScalar(existing) && (value === null || typeof value !== "object")) {
      existing.value = value;
      return;
    }
    unflowParent(doc, path);
    doc.setIn(path, doc.createNode(value));
  });
}

/** Remove the key or item at `path` (nothing when absent). */
export function deleteIn(text: string, path: YamlPath): string {
  return edit(text, (doc) => {
    if (doc.hasIn(path)) doc.deleteIn(path);
  });
}

/** Append `item` to the sequence at `path`, creating it when missing; an empty `[]` becomes a block sequence. */
export function appendIn(text: string, path: YamlPath, item: unknown): string {
  return edit(text, (doc) => {
    const existing = doc.getIn(path, true);
    if (isSeq(existing)) {
      if (existing.flow && existing.items.length === 0) unflow(existing);
      existing.items.push(doc.createNode(item));
      return;
    }
    unflowParent(doc, path);
    doc.setIn(path, doc.createNode([item]));
  });
}

/** Rename the map key at `path` (its last element), keeping its position, value and comments. */
export function renameKey(text: string, path: YamlPath, newKey: string): string {
  return edit(text, (doc) => {
    const parentPath = path.slice(0, -1);
    const oldKey = path[path.length - 1];
    const parent = parentPath.length === 0 ? doc.contents : doc.getIn(parentPath, true);
    if (!isMap(parent)) return;
    const pair = parent.items.find((candidate) => (isScalar(candidate.key) ? candidate.key.value : candidate.key) === oldKey);
    if (!pair) return;
    if (isScalar(pair.key)) pair.key.value = newKey;
    else pair.key = doc.createNode(newKey);
  });
}

/** Move the sequence item at `path` to `newIndex` in the same sequence. */
export function moveItem(text: string, path: YamlPath, newIndex: number): string {
  return edit(text, (doc) => {
    const seq = doc.getIn(path.slice(0, -1), true);
    const index = path[path.length - 1];
    if (!isSeq(seq) || typeof index !== "number") return;
    const [item] = seq.items.splice(index, 1);
    if (item !== undefined) seq.items.splice(Math.max(0, Math.min(newIndex, seq.items.length)), 0, item);
  });
}

/** A map or sequence written inline (`{}`, `[]`) on the way to `path` becomes a block, so new entries read well. */
function unflowParent(doc: Document.Parsed, path: YamlPath): void {
  for (let length = 0; length < path.length; length++) {
    const node = length === 0 ? doc.contents : doc.getIn(path.slice(0, length), true);
    if (isCollection(node) && node.flow && node.items.length === 0) unflow(node);
  }
}

/** Write an empty `[]`/`{}` as a block; its trailing comment moves above the entries (YAML has no other place). */
function unflow(node: { flow?: boolean; comment?: string | null; commentBefore?: string | null }): void {
  node.flow = false;
  if (node.comment) {
    node.commentBefore = node.commentBefore ? `${node.commentBefore}\n${node.comment}` : node.comment;
    node.comment = null;
  }
}

/** The plain value at `path` of a parsed value (no YAML needed). */
export function valueAt(value: unknown, path: YamlPath): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

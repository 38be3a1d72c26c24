/**
 * The builder's canvas: the draft drawn with the same `toGraph` as the live view, plus the triggers not yet connected
 * to a sensor, with each node's status saying where the draft stands (invalid → Failed with the first problem, new or
 * changed → Pending "not applied", otherwise the API's status). Also maps canvas nodes back to what they stand for.
 * Pure.
 */
import { layout, toGraph, triggerTypeOf, type ResourceLike } from "../flow/toGraph.ts";
import type { FlowGraph, FlowNode, TriggerNode } from "../flow/types.ts";
import type { FieldIssue } from "../lib/issues.ts";
import { isRecord, nameOf, orphanName, parsed, stateOf, valueOf, type Draft, type NodeRef } from "./draft.ts";

/** What the API says about an applied resource. */
export interface ServerStatus {
  paused: boolean;
  status: ResourceLike["status"];
}

export interface DraftGraphInput {
  draft: Draft;
  /** `EventSource/name` or `Sensor/name` → the API's status. */
  server: ReadonlyMap<string, ServerStatus>;
  /** Document key → its problems (schema and API). */
  issues: ReadonlyMap<string, readonly FieldIssue[]>;
  /** Node id → where the user put it. */
  positions: Readonly<Record<string, { x: number; y: number }>>;
}

export const orphanId = (key: string) => `orphan-${key}`;

export function draftGraph({ draft, server, issues, positions }: DraftGraphInput): FlowGraph {
  const eventSources: ResourceLike[] = [];
  const sensors: ResourceLike[] = [];
  for (const doc of draft.docs) {
    if (doc.deleted) continue;
    const value = valueOf(doc.text);
    const name = nameOf(doc);
    if (!value || !name) continue;
    const applied = server.get(`${doc.kind}/${name}`);
    const problems = issues.get(doc.key) ?? [];
    const state = stateOf(doc);
    const status: ResourceLike["status"] =
      problems.length > 0
        ? { summary: "Failed", conditions: [{ type: "Invalid", status: "False", message: describeIssue(problems[0]) }] }
        : state === "new" || state === "changed"
          ? { summary: "Pending", conditions: [{ type: "Draft", status: "False", message: state === "new" ? "new, not applied yet" : "changed, not applied yet" }] }
          : (applied?.status ?? { summary: "Ready", conditions: [] });
    const item: ResourceLike = { name, paused: applied?.paused ?? false, status, manifest: value };
    (doc.kind === "EventSource" ? eventSources : sensors).push(item);
  }
  const graph = toGraph({ eventSources, sensors });
  const triggerX = Math.max(2, ...graph.nodes.map((node) => Math.round(node.position.x / (layout.nodeWidth + layout.columnGap)))) *
    (layout.nodeWidth + layout.columnGap);
  const lowest = Math.max(-layout.rowHeight, ...graph.nodes.map((node) => node.position.y));
  const orphans: TriggerNode[] = draft.orphans.map((orphan, index) => {
    const value = valueOf(orphan.text);
    const template = isRecord(value?.template) ? value.template : {};
    const problems = issues.get(orphan.key) ?? [];
    return {
      id: orphanId(orphan.key),
      type: "trigger",
      position: { x: triggerX, y: lowest + layout.rowHeight * (index + 1) },
      data: {
        sensor: "",
        trigger: orphanName(orphan) || "(no name)",
        triggerType: triggerTypeOf(template),
        status: problems.length > 0 || !parsed(orphan.text).ok ? "Failed" : "Pending",
        paused: false,
      },
    };
  });
  const nodes: FlowNode[] = [...graph.nodes, ...orphans].map((node) => {
    const moved = positions[node.id];
    return moved ? { ...node, position: moved } : node;
  });
  return { nodes, edges: graph.edges };
}

function describeIssue(issue: FieldIssue | undefined): string {
  return issue ? `${issue.path ? `${issue.path}: ` : ""}${issue.message}` : "invalid";
}

/** What a canvas node stands for, or undefined for nodes that cannot be connected (conditions). */
export function refOf(node: FlowNode): NodeRef | undefined {
  switch (node.type) {
    case "source":
      return { type: "source", eventSource: node.data.eventSource, eventName: node.data.eventName };
    case "sensor":
      return { type: "sensor", sensor: node.data.sensor };
    case "trigger":
      return node.id.startsWith("orphan-")
        ? { type: "orphan", key: node.id.slice("orphan-".length) }
        : { type: "trigger", sensor: node.data.sensor, trigger: node.data.trigger };
    default:
      return undefined;
  }
}

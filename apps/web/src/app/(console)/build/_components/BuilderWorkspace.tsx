"use client";
/**
 * The `/build` screen: palette, canvas and, side by side, the selected resource's form and YAML. The draft starts as
 * what the API has in the namespace and follows it while untouched; "Review and apply" shows the diff first.
 */
import { useMutation } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  addEventSource,
  addOrphanTrigger,
  addSensor,
  appendField,
  connect,
  emptyDraft,
  eventSourceDoc,
  nameOf,
  orphanName,
  pendingChanges,
  rebase,
  removeDoc,
  removeField,
  sensorDoc,
  setField,
  setText,
  stateOf,
  triggersOf,
  valueOf,
  type Draft,
  type DraftDoc,
} from "../../../../builder/draft.ts";
import { draftGraph, orphanId, refOf, type ServerStatus } from "../../../../builder/graph.ts";
import { NamespaceSwitcher } from "../../../../components/NamespaceSwitcher.tsx";
import { triggerSchema } from "../../../../engine/index.ts";
import { eventsOf, sensorId, sourceId, triggerId } from "../../../../flow/toGraph.ts";
import type { FlowNode } from "../../../../flow/types.ts";
import { useLiveActivity } from "../../../../hooks/useLiveActivity.ts";
import { useResources } from "../../../../hooks/useResources.ts";
import { checkResource, formatPath, uniqueIssues, withoutLabel, type FieldIssue } from "../../../../lib/issues.ts";
import { renameKey, type YamlPath } from "../../../../lib/yamlEdit.ts";
import { useTRPC } from "../../../../trpc/client.tsx";
import { ApplyDialog } from "./ApplyDialog.tsx";
import { BuilderCanvas } from "./BuilderCanvas.tsx";
import { EventSourceForm, SensorForm, TriggerForm, type DocEditor } from "./forms.tsx";
import { MappingEditor } from "./MappingEditor.tsx";
import { Palette, type PaletteItem } from "./Palette.tsx";
import { SensorTest } from "./SensorTest.tsx";
import { YamlEditor } from "./YamlEditor.tsx";

type Selection = { type: "doc"; key: string } | { type: "trigger"; key: string; index: number } | { type: "orphan"; key: string };

export function BuilderWorkspace({ namespace }: { namespace: string }) {
  const { eventSources, sensors, namespaces, isPending, error } = useResources(namespace);
  useLiveActivity(namespace);
  const [draft, setDraft] = useState<Draft>(() => emptyDraft(namespace));
  const [selection, setSelection] = useState<Selection>();
  const [selectedNode, setSelectedNode] = useState<string>();
  const [positions, setPositions] = useState<Record<string, { x: number; y: number }>>({});
  const [message, setMessage] = useState<{ text: string; tone: "info" | "error" }>();
  const [applying, setApplying] = useState(false);
  const [mapping, setMapping] = useState<{ key: string; index: number }>();
  const [testing, setTesting] = useState<string>();

  // Follow the API: untouched documents take its changes, applied ones its resourceVersion.
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    if (isPending) return;
    setDraft((current) => rebase(current, [...eventSources, ...sensors]));
    setLoaded(true);
  }, [eventSources, sensors, isPending]);

  const server = useMemo(() => {
    const map = new Map<string, ServerStatus>();
    for (const item of [...eventSources, ...sensors]) map.set(`${item.kind}/${item.name}`, { paused: item.paused, status: item.status });
    return map;
  }, [eventSources, sensors]);

  // Problems: the engine's schema for every document; the API's validation for the one being edited.
  const apiIssues = useApiIssues(selection && selection.type !== "orphan" ? draft.docs.find((doc) => doc.key === selection.key) : undefined);
  const issues = useMemo(() => {
    const map = new Map<string, FieldIssue[]>();
    for (const doc of draft.docs) {
      if (doc.deleted) continue;
      const value = valueOf(doc.text);
      const own = value ? checkResource(value) : [{ path: "", message: "the YAML does not parse" }];
      map.set(doc.key, uniqueIssues([...own, ...(apiIssues?.key === doc.key && apiIssues.text === doc.text ? apiIssues.issues : [])]));
    }
    for (const orphan of draft.orphans) {
      const parsed = triggerSchema.safeParse(valueOf(orphan.text));
      map.set(orphan.key, parsed.success ? [] : parsed.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })));
    }
    return map;
  }, [draft, apiIssues]);

  const graph = useMemo(() => draftGraph({ draft, server, issues, positions }), [draft, server, issues, positions]);
  const changes = useMemo(() => pendingChanges(draft), [draft]);

  useEffect(() => {
    if (changes.length === 0) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [changes.length]);

  const update = useCallback((change: (draft: Draft) => Draft) => {
    setDraft((current) => {
      try {
        return change(current);
      } catch (problem) {
        setMessage({ text: problem instanceof Error ? problem.message : String(problem), tone: "error" });
        return current;
      }
    });
  }, []);

  const add = useCallback(
    (item: PaletteItem, position?: { x: number; y: number }) => {
      const current = draftRef.current;
      let next: { draft: Draft; key: string };
      let nodeId: string;
      if (item.kind === "source") {
        next = addEventSource(current, item.type);
        const doc = next.draft.docs.find((candidate) => candidate.key === next.key);
        const event = eventsOf(valueOf(doc?.text ?? "") ?? {})[0]?.eventName ?? "";
        nodeId = sourceId(doc ? nameOf(doc) : "", event);
        setSelection({ type: "doc", key: next.key });
      } else if (item.kind === "sensor") {
        next = addSensor(current);
        const doc = next.draft.docs.find((candidate) => candidate.key === next.key);
        nodeId = sensorId(doc ? nameOf(doc) : "");
        setSelection({ type: "doc", key: next.key });
      } else {
        next = addOrphanTrigger(current, item.type);
        nodeId = orphanId(next.key);
        setSelection({ type: "orphan", key: next.key });
      }
      setDraft(next.draft);
      setSelectedNode(nodeId);
      if (position) setPositions((current) => ({ ...current, [nodeId]: position }));
      setMessage(undefined);
    },
    [],
  );
  const draftRef = useRef(draft);
  draftRef.current = draft;

  const onConnect = useCallback((from: FlowNode, to: FlowNode) => {
    const fromRef = refOf(from);
    const toRef = refOf(to);
    if (!fromRef || !toRef) return;
    const result = connect(draftRef.current, fromRef, toRef);
    if (!result.ok) {
      setMessage({ text: result.message, tone: "error" });
      return;
    }
    setDraft(result.draft);
    setMessage({ text: result.message, tone: "info" });
    if (toRef.type === "orphan" && fromRef.type === "sensor") {
      const doc = sensorDoc(result.draft, fromRef.sensor);
      const triggers = triggersOf(valueOf(doc?.text ?? ""));
      const last = triggers[triggers.length - 1];
      if (doc && last) {
        const id = triggerId(fromRef.sensor, last.name);
        setSelection({ type: "trigger", key: doc.key, index: last.index });
        setSelectedNode(id);
        // The trigger stays where it was dropped.
        setPositions((current) => {
          const at = current[orphanId(toRef.key)];
          return at ? { ...current, [id]: at } : current;
        });
      }
    }
  }, []);

  const onSelect = useCallback((node: FlowNode | undefined) => {
    if (!node) return;
    setSelectedNode(node.id);
    const current = draftRef.current;
    const ref = refOf(node);
    if (!ref) {
      if (node.type === "conditions") {
        const doc = sensorDoc(current, node.data.sensor);
        const index = triggersOf(valueOf(doc?.text ?? "")).find((trigger) => trigger.name === node.data.trigger)?.index;
        if (doc && index !== undefined) setSelection({ type: "trigger", key: doc.key, index });
      }
      return;
    }
    switch (ref.type) {
      case "source": {
        const doc = eventSourceDoc(current, ref.eventSource);
        if (doc) setSelection({ type: "doc", key: doc.key });
        return;
      }
      case "sensor": {
        const doc = sensorDoc(current, ref.sensor);
        if (doc) setSelection({ type: "doc", key: doc.key });
        return;
      }
      case "trigger": {
        const doc = sensorDoc(current, ref.sensor);
        const index = triggersOf(valueOf(doc?.text ?? "")).find((trigger) => trigger.name === ref.trigger)?.index;
        if (doc && index !== undefined) setSelection({ type: "trigger", key: doc.key, index });
        return;
      }
      case "orphan":
        setSelection({ type: "orphan", key: ref.key });
        return;
      default: {
        const _exhaustive: never = ref;
        return _exhaustive;
      }
    }
  }, []);

  const onMove = useCallback((id: string, position: { x: number; y: number }) => {
    setPositions((current) => ({ ...current, [id]: position }));
  }, []);

  const editorFor = useCallback(
    (key: string, text: string): DocEditor | undefined => {
      const value = valueOf(text);
      if (!value) return undefined;
      return {
        key,
        value,
        issues: issues.get(key) ?? [],
        set: (path, next) => update((current) => setField(current, key, path, next)),
        append: (path, item) => update((current) => appendField(current, key, path, item)),
        remove: (path) => update((current) => removeField(current, key, path)),
        rename: (path, newKey) => update((current) => setText(current, key, renameKey(text, path, newKey))),
      };
    },
    [issues, update],
  );

  const selectedDoc = selection && selection.type !== "orphan" ? draft.docs.find((doc) => doc.key === selection.key) : undefined;
  const selectedOrphan = selection?.type === "orphan" ? draft.orphans.find((orphan) => orphan.key === selection.key) : undefined;
  const editingText = selectedDoc?.text ?? selectedOrphan?.text;
  const editor = selection && editingText !== undefined ? editorFor(selection.key, editingText) : undefined;
  const sourcesOfDraft = useMemo(
    () =>
      draft.docs
        .filter((doc) => doc.kind === "EventSource" && !doc.deleted)
        .map((doc) => ({ name: nameOf(doc), events: eventsOf(valueOf(doc.text) ?? {}).map((event) => event.eventName) })),
    [draft],
  );
  const mappingDoc = mapping ? draft.docs.find((doc) => doc.key === mapping.key) : undefined;

  return (
    <main className="workspace">
      <div className="toolbar">
        <NamespaceSwitcher namespace={namespace} namespaces={namespaces} />
        <span className="muted small" data-testid="draft-status">
          {changes.length === 0 ? "No changes" : `${changes.length} ${changes.length === 1 ? "change" : "changes"} not applied`}
        </span>
        <span className="spacer" />
        {message ? (
          <span className={message.tone === "error" ? "error-text small" : "muted small"} role="status" data-testid="builder-message">
            {message.text}
          </span>
        ) : null}
        <button
          type="button"
          className="button"
          disabled={changes.length === 0 && draft.orphans.length === 0}
          onClick={() => {
            setDraft(rebase({ ...emptyDraft(namespace), seq: draft.seq }, [...eventSources, ...sensors]));
            setSelection(undefined);
            setMessage({ text: "Draft discarded", tone: "info" });
          }}
        >
          Discard changes
        </button>
        <button type="button" className="button button--primary" disabled={changes.length === 0} onClick={() => setApplying(true)} data-testid="apply-open">
          Review and apply…
        </button>
      </div>
      {error ? (
        <p className="error-text panel-body" role="alert">
          Could not load the namespace: {error.message}
        </p>
      ) : null}
      <div className="builder">
        <Palette onAdd={(item) => add(item)} />
        <section className="graph" aria-label="Canvas">
          {!loaded ? <p className="muted panel-body">Loading…</p> : (
            <BuilderCanvas
              nodes={graph.nodes}
              edges={graph.edges}
              selectedId={selectedNode}
              onSelect={onSelect}
              onDropItem={add}
              onConnect={onConnect}
              onMove={onMove}
            />
          )}
        </section>
        <section className="inspector" aria-label="Resource">
          <ResourceTabs
            draft={draft}
            selectedKey={selection?.key}
            onSelect={(key, orphan) => {
              setSelection(orphan ? { type: "orphan", key } : { type: "doc", key });
              setSelectedNode(undefined);
            }}
          />
          {selection && editingText !== undefined ? (
            <div className="inspector__body">
              <div className="inspector__form">
                {!editor ? (
                  <p className="notice small">Fix the YAML to use the form again.</p>
                ) : selection.type === "orphan" ? (
                  <TriggerForm
                    editor={editor}
                    base={[]}
                    inSensor={false}
                    onRemove={() => {
                      update((current) => removeDoc(current, selection.key));
                      setSelection(undefined);
                    }}
                    sensors={draft.docs.filter((doc) => doc.kind === "Sensor" && !doc.deleted).map(nameOf)}
                    onAddToSensor={(sensor) => {
                      const node = graph.nodes.find((candidate) => candidate.id === sensorId(sensor));
                      const orphanNode = graph.nodes.find((candidate) => candidate.id === orphanId(selection.key));
                      if (node && orphanNode) onConnect(node, orphanNode);
                    }}
                  />
                ) : selection.type === "trigger" ? (
                  <>
                    <button type="button" className="linklike small" onClick={() => setSelection({ type: "doc", key: selection.key })}>
                      ← Sensor {selectedDoc ? nameOf(selectedDoc) : ""}
                    </button>
                    <TriggerForm
                      editor={editor}
                      base={["spec", "triggers", selection.index]}
                      inSensor
                      onMapPayload={() => setMapping({ key: selection.key, index: selection.index })}
                      onRemove={() => {
                        update((current) => removeField(current, selection.key, ["spec", "triggers", selection.index]));
                        setSelection({ type: "doc", key: selection.key });
                      }}
                    />
                  </>
                ) : selectedDoc?.kind === "EventSource" ? (
                  <EventSourceForm editor={editor} onRemove={() => { update((current) => removeDoc(current, selection.key)); setSelection(undefined); }} />
                ) : (
                  <SensorForm
                    editor={editor}
                    sources={sourcesOfDraft}
                    onSelectTrigger={(index) => setSelection({ type: "trigger", key: selection.key, index })}
                    onTest={() => setTesting(selection.key)}
                    onRemove={() => { update((current) => removeDoc(current, selection.key)); setSelection(undefined); }}
                  />
                )}
              </div>
              <YamlEditor
                text={editingText}
                label={selectedDoc ? `${selectedDoc.kind} ${nameOf(selectedDoc)} (YAML)` : `Trigger ${selectedOrphan ? orphanName(selectedOrphan) : ""} (YAML, not connected)`}
                onChange={(text) => update((current) => setText(current, selection.key, text))}
              />
            </div>
          ) : (
            <div className="empty panel-body" data-testid="inspector-empty">
              <p>
                <b>Select a node or a resource</b> to edit it here, as a form and as YAML side by side.
              </p>
              <p className="muted">
                New here? Drag a <b>Webhook</b>, a <b>Sensor</b> and an <b>HTTP request</b> from the palette onto the canvas,
                connect event → sensor → trigger, then review and apply.
              </p>
            </div>
          )}
        </section>
      </div>
      <ApplyDialog open={applying} onClose={() => setApplying(false)} draft={draft} onApplied={(text) => setMessage({ text, tone: "info" })} />
      {testing && draft.docs.find((doc) => doc.key === testing) ? (
        <SensorTest namespace={namespace} doc={draft.docs.find((doc) => doc.key === testing) as DraftDoc} onClose={() => setTesting(undefined)} />
      ) : null}
      {mapping && mappingDoc ? (
        <MappingEditor
          namespace={namespace}
          doc={mappingDoc}
          index={mapping.index}
          onChange={(change) => update((current) => change(current, mapping.key))}
          onClose={() => setMapping(undefined)}
        />
      ) : null}
    </main>
  );
}

function ResourceTabs({
  draft,
  selectedKey,
  onSelect,
}: {
  draft: Draft;
  selectedKey: string | undefined;
  onSelect: (key: string, orphan: boolean) => void;
}) {
  const docs = draft.docs;
  if (docs.length === 0 && draft.orphans.length === 0) return null;
  const label = (doc: DraftDoc) => {
    const state = stateOf(doc);
    return state === "unchanged" ? "" : state === "new" ? " (new)" : state === "deleted" ? " (deleted)" : " (changed)";
  };
  return (
    <div className="resource-tabs" role="group" aria-label="Resources in the draft">
      {docs.map((doc) => (
        <button
          key={doc.key}
          type="button"
          className={`resource-tab${doc.key === selectedKey ? " is-active" : ""}${doc.deleted ? " is-deleted" : ""}`}
          aria-pressed={doc.key === selectedKey}
          onClick={() => onSelect(doc.key, false)}
          data-testid={`resource-tab-${doc.kind}-${nameOf(doc)}`}
        >
          <span className="resource-tab__kind">{doc.kind === "EventSource" ? "ES" : "S"}</span> {nameOf(doc) || "(no name)"}
          {label(doc)}
        </button>
      ))}
      {draft.orphans.map((orphan) => (
        <button
          key={orphan.key}
          type="button"
          className={`resource-tab${orphan.key === selectedKey ? " is-active" : ""}`}
          aria-pressed={orphan.key === selectedKey}
          onClick={() => onSelect(orphan.key, true)}
        >
          <span className="resource-tab__kind">T</span> {orphanName(orphan) || "(no name)"} (not connected)
        </button>
      ))}
    </div>
  );
}

/** The API's opinion (`manifests.validate`) of a document, asked 400 ms after the last edit. */
function useApiIssues(doc: DraftDoc | undefined): { key: string; text: string; issues: FieldIssue[] } | undefined {
  const trpc = useTRPC();
  const validate = useMutation(trpc.manifests.validate.mutationOptions());
  const [result, setResult] = useState<{ key: string; text: string; issues: FieldIssue[] }>();
  const key = doc?.key;
  const text = doc?.text;
  const { mutateAsync } = validate;
  useEffect(() => {
    if (!key || text === undefined || !valueOf(text)) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      mutateAsync({ manifests: text }).then(
        (answer) => {
          if (!cancelled) setResult({ key, text, issues: answer.errors.map((error) => ({ path: error.path.replace(/^documents\[0\]\.?/, ""), message: withoutLabel(error.message) })) });
        },
        () => undefined,
      );
    }, 400);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [key, text, mutateAsync]);
  return result;
}

export type { YamlPath };

"use client";
/**
 * The payload-mapping editor of one trigger: pick a sample event (a stored one, or pasted JSON), click a field of its
 * decoded payload to create a parameter, set where it goes, its default and raw/string typing, and see the request
 * the trigger would send (URL, headers, body) as you type, computed by the engine's own mapping code. "Test with
 * the API" runs the whole draft sensor on the sample (filters with their verdicts, transforms, triggers) without
 * deploying anything.
 */
import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { dependenciesOf, isRecord, setField, appendField, removeField, triggersOf, valueOf, type Draft, type DraftDoc } from "../../../../builder/draft.ts";
import { Dialog } from "../../../../components/Dialog.tsx";
import { JsonTree } from "../../../../components/JsonTree.tsx";
import { ExplainList } from "../../../../components/events/ExplainList.tsx";
import { formatLocalTime, formatUtc, shortId } from "../../../../lib/format.ts";
import { formatPath } from "../../../../lib/issues.ts";
import type { YamlPath } from "../../../../lib/yamlEdit.ts";
import { destinationFor, gjsonPath, type JsonPath } from "../../../../mapping/gjsonPath.ts";
import {
  previewTrigger,
  resolveEach,
  sampleContext,
  sampleData,
  sampleFromJson,
  sampleFromStored,
  type PreviewResult,
  type ResolvedParameter,
  type SampleEvent,
} from "../../../../mapping/preview.ts";
import { useTRPC } from "../../../../trpc/client.tsx";
import type { PayloadParameter } from "../../../../engine/index.ts";
import { stringify } from "yaml";

type ListName = "payload" | "dynamicHeaders" | "parameters";

const LISTS: { name: ListName; label: string; help: string }[] = [
  { name: "payload", label: "Body", help: "http.payload: builds the request body (the first parameter with an empty destination is the whole body)" },
  { name: "dynamicHeaders", label: "Headers", help: "http.dynamicHeaders: the destination is the header name" },
  { name: "parameters", label: "Template", help: "trigger parameters: rewrite the trigger template itself (e.g. http.url), with an operation" },
];

type SourceKind = "dataKey" | "dataTemplate" | "contextKey" | "contextTemplate" | "value";

const SOURCE_KINDS: { kind: SourceKind; label: string }[] = [
  { kind: "dataKey", label: "payload field" },
  { kind: "dataTemplate", label: "payload template" },
  { kind: "contextKey", label: "CloudEvent field" },
  { kind: "contextTemplate", label: "CloudEvent template" },
  { kind: "value", label: "fixed value" },
];

const SAMPLE_JSON = `{
  "header": { "Content-Type": ["application/json"] },
  "body": { "customer": "ann", "total": 42 }
}`;

export function MappingEditor({
  namespace,
  doc,
  index,
  onChange,
  onClose,
}: {
  namespace: string;
  doc: DraftDoc;
  index: number;
  onChange: (change: (draft: Draft, key: string) => Draft) => void;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const sensor = valueOf(doc.text);
  const sensorName = isRecord(sensor?.metadata) && typeof sensor.metadata.name === "string" ? sensor.metadata.name : "";
  const trigger = triggersOf(sensor).find((candidate) => candidate.index === index);
  const dependencies = dependenciesOf(sensor);
  const [dependency, setDependency] = useState(dependencies[0]?.name ?? "");
  const chosen = dependencies.find((candidate) => candidate.name === dependency) ?? dependencies[0];
  const [list, setList] = useState<ListName>("payload");
  const [mode, setMode] = useState<"stored" | "pasted">("stored");
  const [pasted, setPasted] = useState(SAMPLE_JSON);
  const [storedId, setStoredId] = useState<string>();
  const stored = useQuery({
    ...trpc.events.list.queryOptions({
      namespace,
      ...(chosen ? { source: chosen.eventSourceName, subject: chosen.eventName } : {}),
      limit: 25,
    }),
    enabled: Boolean(chosen),
  });
  const storedItems = stored.data?.items ?? [];
  useEffect(() => {
    if (storedItems.length === 0 && mode === "stored" && stored.isSuccess) setMode("pasted");
  }, [storedItems.length, mode, stored.isSuccess]);
  const storedEvent = storedItems.find((item) => item.id === storedId) ?? storedItems[0];
  const sampleSource = chosen?.eventSourceName ?? "source";
  const sampleSubject = chosen?.eventName ?? "event";
  // One sample object per choice: the preview recomputes when it changes, not on every render.
  const sample: SampleEvent | { error: string } | undefined = useMemo(
    () =>
      mode === "stored"
        ? storedEvent
          ? sampleFromStored(storedEvent)
          : undefined
        : sampleFromJson(pasted, { source: sampleSource, subject: sampleSubject }),
    [mode, storedEvent, pasted, sampleSource, sampleSubject],
  );
  const usable = sample && !("error" in sample) ? sample : undefined;

  const base: YamlPath = ["spec", "triggers", index];
  const template = isRecord(trigger?.value.template) ? trigger.value.template : {};
  const triggerName = typeof template.name === "string" ? template.name : "";
  const http = isRecord(template.http) ? template.http : undefined;
  const listPath: YamlPath = list === "parameters" ? [...base, "parameters"] : [...base, "template", "http", list];
  const rawList = list === "parameters" ? trigger?.value.parameters : http?.[list];
  const parameters = (Array.isArray(rawList) ? rawList : []).filter(isRecord) as unknown as PayloadParameter[];
  const resolved = useMemo(() => (usable ? resolveEach(parameters, dependency, usable) : []), [parameters, dependency, usable]);
  const preview = usePreview({ trigger: trigger?.value, dependency, sample: usable, namespace, sensorName });

  const edit = (path: YamlPath, value: unknown) => onChange((draft, key) => setField(draft, key, path, value));
  const pick = (path: JsonPath, context: boolean) => {
    const src = context ? { dependencyName: dependency, contextKey: gjsonPath(path) } : { dependencyName: dependency, dataKey: gjsonPath(path) };
    const dest = list === "parameters" ? "http.url" : destinationFor(path);
    onChange((draft, key) => appendField(draft, key, listPath, { src, dest }));
  };

  const test = useMutation(trpc.sensors.test.mutationOptions());

  return (
    <Dialog open onClose={onClose} title={`Map the payload of ${sensorName}/${trigger ? triggerName : "?"}`} testId="mapping-editor" wide>
      {!trigger || !http ? (
        <p>This trigger has no <code>http</code> section: only HTTP triggers have a payload to map.</p>
      ) : dependencies.length === 0 ? (
        <p>The sensor has no dependency yet: connect an event to it first; parameters read the events of dependencies.</p>
      ) : (
        <div className="mapping">
          <section className="mapping__sample" aria-labelledby="sample-heading">
            <h3 id="sample-heading">1. Sample event</h3>
            <div className="form__row">
              <label className="field">
                <span>Dependency</span>
                <select value={dependency} onChange={(change) => setDependency(change.target.value)} data-testid="mapping-dependency">
                  {dependencies.map((candidate) => (
                    <option key={candidate.name} value={candidate.name}>
                      {candidate.name} ({candidate.eventSourceName}/{candidate.eventName})
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <fieldset className="choices choices--row">
              <legend className="sr-only">Sample</legend>
              <label className="choice">
                <input type="radio" checked={mode === "stored"} onChange={() => setMode("stored")} disabled={storedItems.length === 0} data-testid="sample-stored" />
                Stored event
              </label>
              <label className="choice">
                <input type="radio" checked={mode === "pasted"} onChange={() => setMode("pasted")} data-testid="sample-pasted" />
                Pasted JSON
              </label>
            </fieldset>
            {mode === "stored" ? (
              <label className="field">
                <span>Event</span>
                <select value={storedEvent?.id ?? ""} onChange={(change) => setStoredId(change.target.value)} data-testid="sample-event">
                  {storedItems.map((item) => (
                    <option key={item.id} value={item.id} title={formatUtc(item.time)}>
                      {formatLocalTime(item.time)} · {shortId(item.id)}
                    </option>
                  ))}
                </select>
              </label>
            ) : (
              <label className="field">
                <span>Event data (JSON, as the sensor sees it: webhooks wrap the request in body and header)</span>
                <textarea className="code-input" rows={6} value={pasted} onChange={(change) => setPasted(change.target.value)} spellCheck={false} data-testid="sample-json" aria-invalid={Boolean(sample && "error" in sample)} />
                {sample && "error" in sample ? <span className="field__error">{sample.error}</span> : null}
              </label>
            )}
            {usable ? (
              <>
                <p className="muted small">Click “map” on a field to add a parameter to the {LISTS.find((candidate) => candidate.name === list)?.label.toLowerCase()} list.</p>
                <JsonTree value={sampleData(usable)} onPick={(path) => pick(path, false)} pickLabel="map" testId="sample-tree" label="Sample payload" openDepth={5} />
                <details className="context-fields">
                  <summary>CloudEvent fields</summary>
                  <JsonTree value={sampleContext(usable)} onPick={(path) => pick(path, true)} pickLabel="map" testId="context-tree" label="CloudEvent context" />
                </details>
              </>
            ) : mode === "stored" ? (
              <p className="muted small">No stored event of this dependency yet: paste a sample instead.</p>
            ) : null}
          </section>

          <section className="mapping__params" aria-labelledby="params-heading">
            <h3 id="params-heading">2. Parameters</h3>
            <div className="tabs" role="tablist" aria-label="Parameter lists">
              {LISTS.map((candidate) => {
                const raw = candidate.name === "parameters" ? trigger.value.parameters : http[candidate.name];
                const count = Array.isArray(raw) ? raw.length : 0;
                return (
                  <button
                    key={candidate.name}
                    type="button"
                    role="tab"
                    aria-selected={list === candidate.name}
                    className={`tab${list === candidate.name ? " is-active" : ""}`}
                    onClick={() => setList(candidate.name)}
                    data-testid={`mapping-list-${candidate.name}`}
                  >
                    {candidate.label} ({count})
                  </button>
                );
              })}
            </div>
            <p className="muted small">{LISTS.find((candidate) => candidate.name === list)?.help}</p>
            {parameters.length === 0 ? <p className="muted small">No parameters: pick a field of the sample, or add one.</p> : null}
            <ol className="params" data-testid="mapping-params">
              {parameters.map((parameter, position) => (
                <ParameterRow
                  key={position}
                  position={position}
                  parameter={parameter}
                  path={[...listPath, position]}
                  list={list}
                  dependencies={dependencies.map((candidate) => candidate.name)}
                  resolved={resolved[position]}
                  onEdit={edit}
                  onRemove={() => onChange((draft, key) => removeField(draft, key, [...listPath, position]))}
                />
              ))}
            </ol>
            <button
              type="button"
              className="button button--small"
              onClick={() => onChange((draft, key) => appendField(draft, key, listPath, { src: { dependencyName: dependency, value: "" }, dest: list === "parameters" ? "http.url" : "field" }))}
            >
              Add a parameter
            </button>
          </section>

          <section className="mapping__preview" aria-labelledby="preview-heading">
            <h3 id="preview-heading">3. Request the trigger would send</h3>
            <RequestPreview preview={preview} />
            <details className="yaml-snippet">
              <summary>This trigger as YAML</summary>
              <pre className="json">{stringify(trigger.value, { lineWidth: 0 })}</pre>
            </details>
            <div className="test-run">
              <button
                type="button"
                className="button"
                disabled={!usable || test.isPending}
                data-testid="mapping-test"
                onClick={() =>
                  usable &&
                  test.mutate({
                    namespace,
                    manifest: doc.text,
                    trigger: triggerName,
                    event: { source: usable.source, subject: usable.subject, type: usable.type, data: sampleData(usable) },
                  })
                }
              >
                {test.isPending ? "Testing…" : "Test the sensor with the API"}
              </button>
              <span className="muted small">Filters, transforms and the firing, run by the API on this sample; nothing is sent.</span>
            </div>
            {test.error ? (
              <p className="error-text small" role="alert">
                {test.error.message}
              </p>
            ) : null}
            {test.data ? (
              <div className="test-result" data-testid="mapping-test-result">
                <ExplainList records={test.data.explains} emptyText="No dependency of the sensor takes this sample." />
                {test.data.firings.length === 0 ? (
                  <p className="small">The sample does not fire this trigger{test.data.triggerErrors.length > 0 ? `: ${test.data.triggerErrors.map((error) => error.error).join("; ")}` : "."}</p>
                ) : (
                  test.data.firings.map((firing, position) => (
                    <p key={position} className="small">
                      Fires <b>{firing.trigger}</b> {firing.error ? <span className="error-text">— {firing.error}</span> : "— the request matches the preview above when the mapping is the same."}
                    </p>
                  ))
                )}
              </div>
            ) : null}
          </section>
        </div>
      )}
      <div className="form__actions">
        <button type="button" className="button button--primary" onClick={onClose} data-testid="mapping-done">
          Done
        </button>
      </div>
    </Dialog>
  );
}

function sourceKindOf(parameter: PayloadParameter): SourceKind {
  const src = parameter.src;
  if (src.dataTemplate !== undefined) return "dataTemplate";
  if (src.dataKey !== undefined) return "dataKey";
  if (src.contextTemplate !== undefined) return "contextTemplate";
  if (src.contextKey !== undefined) return "contextKey";
  return "value";
}

function ParameterRow({
  position,
  parameter,
  path,
  list,
  dependencies,
  resolved,
  onEdit,
  onRemove,
}: {
  position: number;
  parameter: PayloadParameter;
  path: YamlPath;
  list: ListName;
  dependencies: string[];
  resolved: ResolvedParameter | undefined;
  onEdit: (path: YamlPath, value: unknown) => void;
  onRemove: () => void;
}) {
  const kind = sourceKindOf(parameter);
  const src = parameter.src;
  const expression = kind === "value" ? undefined : (src[kind] ?? "");
  const id = `param-${position}`;
  const testId = (name: string) => `${id}-${name}`;
  return (
    <li className="param" data-testid={id}>
      <div className="param__grid">
        {dependencies.length > 1 ? (
          <label className="field">
            <span>Dependency</span>
            <select value={src.dependencyName} onChange={(change) => onEdit([...path, "src", "dependencyName"], change.target.value)}>
              {dependencies.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label className="field">
          <span>From</span>
          <select
            value={kind}
            data-testid={testId("kind")}
            onChange={(change) => {
              const next = change.target.value as SourceKind;
              if (next === kind) return;
              if (kind !== "value") onEdit([...path, "src", kind], undefined);
              if (next !== "value") onEdit([...path, "src", next], expression ?? "");
            }}
          >
            {SOURCE_KINDS.map((option) => (
              <option key={option.kind} value={option.kind}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        {kind !== "value" ? (
          <label className="field field--wide">
            <span>{kind.endsWith("Template") ? "Go template ({{ .Input.body.x }})" : "Path (gjson)"}</span>
            <input className="mono" value={expression ?? ""} spellCheck={false} data-testid={testId(kind)} onChange={(change) => onEdit([...path, "src", kind], change.target.value)} />
          </label>
        ) : null}
        <label className="field">
          <span>{kind === "value" ? "Value" : "Default"}</span>
          <input
            className="mono"
            value={src.value ?? ""}
            placeholder={kind === "value" ? "" : "(none)"}
            spellCheck={false}
            data-testid={testId("default")}
            onChange={(change) => onEdit([...path, "src", "value"], change.target.value === "" && kind !== "value" ? undefined : change.target.value)}
          />
        </label>
        <label className="field">
          <span>{list === "dynamicHeaders" ? "Header" : "Destination"}</span>
          <input
            className="mono"
            value={parameter.dest ?? ""}
            placeholder={list === "payload" ? "(whole body)" : ""}
            spellCheck={false}
            data-testid={testId("dest")}
            onChange={(change) => onEdit([...path, "dest"], change.target.value)}
          />
        </label>
        {list === "parameters" ? (
          <label className="field">
            <span>Operation</span>
            <select value={parameter.operation ?? ""} data-testid={testId("operation")} onChange={(change) => onEdit([...path, "operation"], change.target.value || undefined)}>
              <option value="">overwrite</option>
              <option value="append">append</option>
              <option value="prepend">prepend</option>
            </select>
          </label>
        ) : null}
        <label className="choice param__raw" title="useRawData: write numbers, booleans and objects as JSON, not as strings">
          <input type="checkbox" checked={src.useRawData === true} data-testid={testId("raw")} onChange={(change) => onEdit([...path, "src", "useRawData"], change.target.checked || undefined)} />
          raw JSON
        </label>
        <button type="button" className="button button--small button--danger param__remove" onClick={onRemove} aria-label={`Remove parameter ${position + 1}`}>
          ×
        </button>
      </div>
      <div className="param__value small" data-testid={testId("value")}>
        {resolved === undefined ? null : resolved.outcome === "value" ? (
          <>
            <span className="muted">value:</span> <code>{resolved.text}</code> <span className="muted">({resolved.type === "String" ? "string" : resolved.type})</span>
          </>
        ) : resolved.outcome === "skipped" ? (
          <span className="muted">skipped: the sample is not for this dependency and there is no default</span>
        ) : (
          <span className="error-text">{resolved.message}</span>
        )}
      </div>
      <span className="sr-only">{formatPath(path)}</span>
    </li>
  );
}

/** Run the engine's preview whenever the trigger or the sample changes (latest answer wins). */
function usePreview({
  trigger,
  dependency,
  sample,
  namespace,
  sensorName,
}: {
  trigger: unknown;
  dependency: string;
  sample: SampleEvent | undefined;
  namespace: string;
  sensorName: string;
}): PreviewResult | undefined {
  const [result, setResult] = useState<PreviewResult>();
  const key = JSON.stringify(trigger ?? null);
  useEffect(() => {
    if (!sample) {
      setResult(undefined);
      return;
    }
    let current = true;
    void previewTrigger({ trigger: JSON.parse(key) as unknown, dependency, sample, namespace, sensorName }).then((answer) => {
      if (current) setResult(answer);
    });
    return () => {
      current = false;
    };
  }, [key, dependency, sample, namespace, sensorName]);
  return result;
}

function RequestPreview({ preview }: { preview: PreviewResult | undefined }) {
  if (!preview) return <p className="muted small">Choose a sample to see the request.</p>;
  if (!preview.ok) {
    return (
      <p className="error-text small" role="status" data-testid="preview-error">
        {preview.error}
      </p>
    );
  }
  const action = preview.action;
  if (action.kind !== "http") return <p className="muted small">A {action.kind} trigger: no request to show.</p>;
  const headers = Object.entries(action.headers);
  return (
    <div className="request" data-testid="preview-request" aria-live="polite">
      <div className="request__line">
        <code data-testid="preview-method">{action.method}</code> <code className="request__url" data-testid="preview-url">{action.url}</code>
      </div>
      <table className="headers" data-testid="preview-headers">
        <caption>Headers</caption>
        <tbody>
          {headers.length === 0 ? (
            <tr>
              <td className="muted">none</td>
            </tr>
          ) : (
            headers.map(([name, value]) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td>
                  <code>{value}</code>
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      <div className="request__body-head small muted">Body ({action.body === undefined ? "none" : `${new TextEncoder().encode(action.body).length} bytes`})</div>
      <pre className="json request__body" data-testid="preview-body" tabIndex={0}>
        {action.body ?? ""}
      </pre>
    </div>
  );
}

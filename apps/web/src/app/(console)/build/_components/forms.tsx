"use client";
/**
 * Forms per resource type. Every change is a field edit of the resource's YAML (comments and key order stay), so the
 * form and the YAML beside it always show the same thing.
 */
import { eventsOf, triggerTypeOf } from "../../../../flow/toGraph.ts";
import { formatPath, type FieldIssue } from "../../../../lib/issues.ts";
import type { YamlPath } from "../../../../lib/yamlEdit.ts";
import { dependenciesOf, isRecord, triggersOf } from "../../../../builder/draft.ts";
import { CheckField, OtherIssues, SelectField, TextField } from "./fields.tsx";

/** Editing one document (or one orphan trigger): its value, its problems, and edits by path. */
export interface DocEditor {
  key: string;
  value: Record<string, unknown>;
  issues: readonly FieldIssue[];
  set: (path: YamlPath, value: unknown) => void;
  append: (path: YamlPath, item: unknown) => void;
  remove: (path: YamlPath) => void;
  rename: (path: YamlPath, newKey: string) => void;
}

const METHODS = ["POST", "PUT", "PATCH", "GET", "DELETE", "HEAD", "OPTIONS"];

function text(value: unknown): string {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : "";
}

function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

/** Issues whose path is one of these (so the rest can be listed apart). */
function shownBy(paths: readonly YamlPath[]) {
  const set = new Set(paths.map((path) => formatPath(path)));
  return (issue: FieldIssue) => set.has(issue.path);
}

export function EventSourceForm({ editor, onRemove }: { editor: DocEditor; onRemove: () => void }) {
  const spec = record(editor.value.spec);
  const metadata = record(editor.value.metadata);
  const events = eventsOf(editor.value);
  const paths: YamlPath[] = [["metadata", "name"]];
  return (
    <div className="form" data-testid="form-eventsource">
      <TextField
        label="Name"
        path={["metadata", "name"]}
        issues={editor.issues}
        value={text(metadata.name)}
        onChange={(value) => editor.set(["metadata", "name"], value)}
        commit="blur"
      />
      {events.map(({ sourceType, eventName }) => {
        const base: YamlPath = ["spec", sourceType, eventName];
        const config = record(record(spec[sourceType])[eventName]);
        const fields: YamlPath[] =
          sourceType === "webhook"
            ? [[...base, "port"], [...base, "endpoint"], [...base, "method"]]
            : sourceType === "calendar"
              ? [[...base, "schedule"], [...base, "interval"], [...base, "timezone"]]
              : [];
        paths.push(base, ...fields);
        return (
          <fieldset key={`${sourceType}/${eventName}`} className="subform">
            <legend>
              {sourceType} event <b>{eventName}</b>
            </legend>
            <TextField
              label="Event name"
              path={base}
              issues={editor.issues}
              value={eventName}
              onChange={(value) => value && editor.rename(base, value)}
              commit="blur"
              hint="Sensors depend on it by this name."
            />
            {sourceType === "webhook" ? (
              <div className="form__row">
                <TextField label="Port" path={[...base, "port"]} issues={editor.issues} value={text(config.port)} onChange={(value) => editor.set([...base, "port"], value)} />
                <TextField label="Endpoint" path={[...base, "endpoint"]} issues={editor.issues} value={text(config.endpoint)} onChange={(value) => editor.set([...base, "endpoint"], value)} />
                <SelectField label="Method" path={[...base, "method"]} issues={editor.issues} value={text(config.method)} options={METHODS} onChange={(value) => editor.set([...base, "method"], value)} />
              </div>
            ) : sourceType === "calendar" ? (
              <div className="form__row">
                <TextField label="Interval" path={[...base, "interval"]} issues={editor.issues} value={text(config.interval)} placeholder="1m" onChange={(value) => editor.set([...base, "interval"], value || undefined)} />
                <TextField label="Schedule (cron)" path={[...base, "schedule"]} issues={editor.issues} value={text(config.schedule)} placeholder="*/5 * * * *" onChange={(value) => editor.set([...base, "schedule"], value || undefined)} />
                <TextField label="Time zone" path={[...base, "timezone"]} issues={editor.issues} value={text(config.timezone)} placeholder="UTC" onChange={(value) => editor.set([...base, "timezone"], value || undefined)} />
              </div>
            ) : (
              <p className="muted small">Edit this source type in the YAML.</p>
            )}
            {events.length > 1 ? (
              <button type="button" className="button button--small button--danger" onClick={() => editor.remove(base)}>
                Remove event {eventName}
              </button>
            ) : null}
          </fieldset>
        );
      })}
      <div className="form__actions form__actions--start">
        {isRecord(spec.webhook) ? (
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              const taken = new Set(Object.keys(record(spec.webhook)));
              let n = 2;
              while (taken.has(`event-${n}`)) n++;
              const first = Object.values(record(spec.webhook)).map(record)[0] ?? {};
              editor.set(["spec", "webhook", `event-${n}`], { port: text(first.port) || "12000", endpoint: `/event-${n}`, method: "POST" });
            }}
          >
            Add webhook event
          </button>
        ) : null}
        <span className="spacer" />
        <button type="button" className="button button--small button--danger" onClick={onRemove} data-testid="remove-resource">
          Delete EventSource
        </button>
      </div>
      <OtherIssues issues={editor.issues} shown={shownBy(paths)} />
    </div>
  );
}

export function SensorForm({
  editor,
  sources,
  onSelectTrigger,
  onRemove,
  onTest,
}: {
  editor: DocEditor;
  /** EventSources of the draft: name → event names. */
  sources: readonly { name: string; events: string[] }[];
  onSelectTrigger: (index: number) => void;
  onRemove: () => void;
  onTest?: (() => void) | undefined;
}) {
  const metadata = record(editor.value.metadata);
  const dependencies = dependenciesOf(editor.value);
  const triggers = triggersOf(editor.value);
  const paths: YamlPath[] = [["metadata", "name"], ["spec", "dependencies"], ["spec", "triggers"]];
  const available = sources.flatMap((source) =>
    source.events
      .filter((event) => !dependencies.some((dependency) => dependency.eventSourceName === source.name && dependency.eventName === event))
      .map((event) => ({ value: `${source.name}/${event}`, label: `${source.name} / ${event}` })),
  );
  return (
    <div className="form" data-testid="form-sensor">
      <TextField label="Name" path={["metadata", "name"]} issues={editor.issues} value={text(metadata.name)} onChange={(value) => editor.set(["metadata", "name"], value)} commit="blur" />
      <fieldset className="subform">
        <legend>Dependencies</legend>
        {dependencies.length === 0 ? <p className="muted small">None yet: drag from an event to this sensor on the canvas, or add one here.</p> : null}
        {dependencies.map((dependency, index) => {
          const base: YamlPath = ["spec", "dependencies", index];
          paths.push([...base, "name"], [...base, "eventSourceName"], [...base, "eventName"]);
          const events = sources.find((source) => source.name === dependency.eventSourceName)?.events ?? [];
          return (
            <div key={index} className="form__row form__row--item">
              <TextField label="Name" path={[...base, "name"]} issues={editor.issues} value={dependency.name} onChange={(value) => editor.set([...base, "name"], value)} />
              <SelectField label="EventSource" path={[...base, "eventSourceName"]} issues={editor.issues} value={dependency.eventSourceName} options={sources.map((source) => source.name)} onChange={(value) => editor.set([...base, "eventSourceName"], value)} />
              <SelectField label="Event" path={[...base, "eventName"]} issues={editor.issues} value={dependency.eventName} options={events} onChange={(value) => editor.set([...base, "eventName"], value)} />
              <button type="button" className="button button--small button--danger item-remove" onClick={() => editor.remove(base)} aria-label={`Remove dependency ${dependency.name}`}>
                ×
              </button>
            </div>
          );
        })}
        {available.length > 0 ? (
          <label className="field-inline">
            <span>Add dependency on</span>
            <select
              value=""
              onChange={(change) => {
                const [eventSourceName = "", eventName = ""] = change.target.value.split("/");
                const used = new Set(dependencies.map((dependency) => dependency.name));
                let name = eventName;
                for (let n = 2; used.has(name); n++) name = `${eventName}-${n}`;
                editor.append(["spec", "dependencies"], { name, eventSourceName, eventName });
              }}
              data-testid="add-dependency"
            >
              <option value="">choose an event…</option>
              {available.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </fieldset>
      <fieldset className="subform">
        <legend>Triggers</legend>
        {triggers.length === 0 ? <p className="muted small">None yet: drop a trigger on the canvas and drag from this sensor to it.</p> : null}
        <ul className="plain-list trigger-list">
          {triggers.map((trigger) => (
            <li key={trigger.index}>
              <button type="button" className="linklike" onClick={() => onSelectTrigger(trigger.index)} data-testid={`select-trigger-${trigger.name}`}>
                {trigger.name || "(no name)"}
              </button>{" "}
              <span className="muted small">{triggerTypeOf(record(trigger.value.template))}</span>
            </li>
          ))}
        </ul>
      </fieldset>
      <div className="form__actions form__actions--start">
        {onTest ? (
          <button type="button" className="button button--small" onClick={onTest} disabled={dependencies.length === 0} data-testid="open-sensor-test">
            Try it on a sample…
          </button>
        ) : null}
        <span className="spacer" />
        <button type="button" className="button button--small button--danger" onClick={onRemove} data-testid="remove-resource">
          Delete Sensor
        </button>
      </div>
      <OtherIssues issues={editor.issues} shown={(issue) => shownBy(paths)(issue) || issue.path.startsWith("spec.triggers[")} />
    </div>
  );
}

/**
 * One trigger: inside a sensor (`base` = `spec.triggers[i]`) or not yet connected (`base` = [], the document is the
 * trigger itself).
 */
export function TriggerForm({
  editor,
  base,
  inSensor,
  onMapPayload,
  onRemove,
  sensors,
  onAddToSensor,
}: {
  editor: DocEditor;
  base: YamlPath;
  inSensor: boolean;
  onMapPayload?: (() => void) | undefined;
  onRemove: () => void;
  /** For a trigger not yet in a sensor: the sensors it can join (the keyboard's way to connect it). */
  sensors?: readonly string[];
  onAddToSensor?: ((sensor: string) => void) | undefined;
}) {
  const trigger = record(base.length === 0 ? editor.value : valueAtPath(editor.value, base));
  const template = record(trigger.template);
  const type = triggerTypeOf(template);
  const http = record(template.http);
  const log = record(template.log);
  const at = (...rest: (string | number)[]): YamlPath => [...base, ...rest];
  const paths: YamlPath[] = [at("template", "name"), at("template", "conditions"), at("template", "http", "url"), at("template", "http", "method"), at("atLeastOnce")];
  const payload = Array.isArray(http.payload) ? http.payload : [];
  return (
    <div className="form" data-testid="form-trigger">
      <div className="form__row">
        <TextField label="Trigger name" path={at("template", "name")} issues={editor.issues} value={text(template.name)} onChange={(value) => editor.set(at("template", "name"), value)} commit="blur" />
        <div className="field">
          <span>Type</span>
          <span className="pill pill--type">{type}</span>
        </div>
      </div>
      {type === "http" ? (
        <>
          <div className="form__row">
            <TextField label="URL" path={at("template", "http", "url")} issues={editor.issues} value={text(http.url)} onChange={(value) => editor.set(at("template", "http", "url"), value)} mono />
            <SelectField label="Method" path={at("template", "http", "method")} issues={editor.issues} value={text(http.method) || "POST"} options={METHODS} onChange={(value) => editor.set(at("template", "http", "method"), value)} />
          </div>
          <div className="payload-summary">
            <span>
              Body: {payload.length === 0 ? "empty (no payload parameters)" : `${payload.length} payload ${payload.length === 1 ? "parameter" : "parameters"}`}
            </span>
            {onMapPayload ? (
              <button type="button" className="button button--small button--primary" onClick={onMapPayload} data-testid="open-mapping">
                Map payload…
              </button>
            ) : (
              <span className="muted small">Connect it to a sensor to map its payload from events.</span>
            )}
          </div>
        </>
      ) : type === "log" ? (
        <TextField
          label="At most one line per (seconds)"
          path={at("template", "log", "intervalSeconds")}
          issues={editor.issues}
          value={text(log.intervalSeconds)}
          placeholder="0"
          onChange={(value) => editor.set(at("template", "log", "intervalSeconds"), value === "" ? undefined : Number(value))}
        />
      ) : (
        <p className="muted small">Edit this trigger type in the YAML.</p>
      )}
      {inSensor ? (
        <TextField
          label="Conditions"
          path={at("template", "conditions")}
          issues={editor.issues}
          value={text(template.conditions)}
          placeholder="all dependencies (e.g. dep-a && dep-b)"
          onChange={(value) => editor.set(at("template", "conditions"), value || undefined)}
          mono
        />
      ) : null}
      {!inSensor && onAddToSensor && sensors && sensors.length > 0 ? (
        <label className="field-inline">
          <span>Add to sensor</span>
          <select value="" onChange={(change) => change.target.value && onAddToSensor(change.target.value)} data-testid="add-to-sensor">
            <option value="">choose…</option>
            {sensors.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <CheckField label="At least once (retry failures, then the DLQ trigger)" path={at("atLeastOnce")} issues={editor.issues} checked={trigger.atLeastOnce === true} onChange={(checked) => editor.set(at("atLeastOnce"), checked || undefined)} />
      <div className="form__actions form__actions--start">
        <span className="spacer" />
        <button type="button" className="button button--small button--danger" onClick={onRemove} data-testid="remove-trigger">
          Remove trigger
        </button>
      </div>
      <OtherIssues
        issues={editor.issues.filter((issue) => base.length === 0 || issue.path.startsWith(formatPath(base)))}
        shown={(issue) => shownBy(paths)(issue) || issue.path.startsWith(formatPath(at("template", "http", "payload")))}
      />
    </div>
  );
}

function valueAtPath(value: unknown, path: YamlPath): unknown {
  let current = value;
  for (const key of path) current = isRecord(current) || Array.isArray(current) ? (current as Record<string | number, unknown>)[key] : undefined;
  return current;
}

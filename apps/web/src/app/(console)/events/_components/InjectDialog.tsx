"use client";
/** Inject an event by hand: as if an EventSource emitted it, to every sensor or to one sensor/trigger. */
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Dialog } from "../../../../components/Dialog.tsx";
import { useTRPC } from "../../../../trpc/client.tsx";
import type { SearchOptions } from "./SearchBar.tsx";

const WEBHOOK_SAMPLE = `{
  "header": { "Content-Type": ["application/json"] },
  "body": { "message": "hello" }
}`;

export function InjectDialog({
  open,
  onClose,
  namespace,
  options,
  onInjected,
}: {
  open: boolean;
  onClose: () => void;
  namespace: string;
  options: SearchOptions & { types: Record<string, string> };
  onInjected: (id: string) => void;
}) {
  const trpc = useTRPC();
  const first = options.sources[0];
  const [source, setSource] = useState(first?.name ?? "");
  const [subject, setSubject] = useState(first?.events[0] ?? "");
  const [type, setType] = useState(first ? (options.types[first.name] ?? "webhook") : "webhook");
  const [data, setData] = useState(WEBHOOK_SAMPLE);
  const [sensor, setSensor] = useState("");
  const [trigger, setTrigger] = useState("");
  let parsed: { ok: true; value: unknown } | { ok: false; error: string };
  try {
    parsed = { ok: true, value: JSON.parse(data) as unknown };
  } catch (error) {
    parsed = { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  const inject = useMutation(
    trpc.events.inject.mutationOptions({
      onSuccess: (result) => {
        onInjected(result.id);
        onClose();
      },
    }),
  );
  const events = options.sources.find((candidate) => candidate.name === source)?.events ?? [];
  const triggers = options.sensors.find((candidate) => candidate.sensor === sensor)?.triggers ?? [];
  return (
    <Dialog open={open} onClose={onClose} title="Inject an event" testId="inject-dialog" wide>
      <form
        className="form"
        onSubmit={(submit) => {
          submit.preventDefault();
          if (!parsed.ok) return;
          inject.mutate({
            namespace,
            source,
            subject,
            type,
            data: parsed.value,
            ...(sensor ? { sensor, ...(trigger ? { trigger } : {}) } : {}),
          });
        }}
      >
        <p className="muted small">
          The event goes onto the bus as if <b>{source || "the EventSource"}</b> had emitted it. Webhook sensors read
          <code> body</code> and <code>header</code>, so keep that shape for them.
        </p>
        <div className="form__row">
          <label className="field">
            <span>EventSource</span>
            <input
              list="inject-sources"
              value={source}
              onChange={(change) => {
                setSource(change.target.value);
                const found = options.sources.find((candidate) => candidate.name === change.target.value);
                setSubject(found?.events[0] ?? "");
                setType(options.types[change.target.value] ?? type);
              }}
              required
              data-testid="inject-source"
            />
            <datalist id="inject-sources">
              {options.sources.map((candidate) => (
                <option key={candidate.name} value={candidate.name} />
              ))}
            </datalist>
          </label>
          <label className="field">
            <span>Event name</span>
            <input list="inject-events" value={subject} onChange={(change) => setSubject(change.target.value)} required data-testid="inject-subject" />
            <datalist id="inject-events">
              {events.map((name) => (
                <option key={name} value={name} />
              ))}
            </datalist>
          </label>
          <label className="field">
            <span>Type</span>
            <input value={type} onChange={(change) => setType(change.target.value)} required />
          </label>
        </div>
        <label className="field">
          <span>Data (JSON)</span>
          <textarea
            className="code-input"
            rows={10}
            value={data}
            onChange={(change) => setData(change.target.value)}
            aria-invalid={!parsed.ok}
            spellCheck={false}
            data-testid="inject-data"
          />
          {!parsed.ok ? <span className="field__error">{parsed.error}</span> : null}
        </label>
        <div className="form__row">
          <label className="field">
            <span>Deliver to</span>
            <select value={sensor} onChange={(change) => { setSensor(change.target.value); setTrigger(""); }} data-testid="inject-sensor">
              <option value="">Every sensor that depends on it (bus)</option>
              {options.sensors.map((candidate) => (
                <option key={candidate.sensor} value={candidate.sensor}>
                  sensor {candidate.sensor} only
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Trigger</span>
            <select value={trigger} onChange={(change) => setTrigger(change.target.value)} disabled={!sensor}>
              <option value="">All its triggers</option>
              {triggers.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        </div>
        {inject.error ? (
          <p className="error-text" role="alert">
            {inject.error.message}
          </p>
        ) : null}
        <div className="form__actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={!parsed.ok || inject.isPending} data-testid="inject-submit">
            {inject.isPending ? "Injecting…" : "Inject"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

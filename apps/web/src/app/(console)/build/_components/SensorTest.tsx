"use client";
/**
 * "Try it" for a sensor draft, without deploying it: run it (the API's dry run, `sensors.test`) on one sample
 * event — stored or pasted — and see every filter's verdict with its reason, the transform's output and the
 * requests its triggers would send; or backtest it on the namespace's most recent stored events and see which would
 * have fired.
 */
import { useMutation, useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { dependenciesOf, valueOf, type DraftDoc } from "../../../../builder/draft.ts";
import { Dialog } from "../../../../components/Dialog.tsx";
import { ExplainList } from "../../../../components/events/ExplainList.tsx";
import { formatLocalTime, shortId } from "../../../../lib/format.ts";
import { useTRPC } from "../../../../trpc/client.tsx";

type Mode = "stored" | "pasted" | "backtest";

const SAMPLE = `{
  "header": { "Content-Type": ["application/json"] },
  "body": { "message": "hello" }
}`;

export function SensorTest({ namespace, doc, onClose }: { namespace: string; doc: DraftDoc; onClose: () => void }) {
  const trpc = useTRPC();
  const dependencies = dependenciesOf(valueOf(doc.text));
  const [dependency, setDependency] = useState(dependencies[0]?.name ?? "");
  const chosen = dependencies.find((candidate) => candidate.name === dependency) ?? dependencies[0];
  const [mode, setMode] = useState<Mode>("pasted");
  const [pasted, setPasted] = useState(SAMPLE);
  const [storedId, setStoredId] = useState<string>();
  const [limit, setLimit] = useState(100);
  const stored = useQuery({
    ...trpc.events.list.queryOptions({ namespace, ...(chosen ? { source: chosen.eventSourceName, subject: chosen.eventName } : {}), limit: 25 }),
    enabled: Boolean(chosen),
  });
  const storedEvent = (stored.data?.items ?? []).find((item) => item.id === storedId) ?? stored.data?.items[0];
  const parsed = useMemo(() => {
    try {
      return { ok: true as const, value: JSON.parse(pasted) as unknown };
    } catch (error) {
      return { ok: false as const, error: error instanceof Error ? error.message : String(error) };
    }
  }, [pasted]);
  const test = useMutation(trpc.sensors.test.mutationOptions());

  const run = () => {
    if (mode === "backtest") {
      test.mutate({ namespace, manifest: doc.text, events: { namespace, limit } });
      return;
    }
    if (!chosen) return;
    const data = mode === "stored" ? storedEvent?.data : parsed.ok ? parsed.value : undefined;
    if (data === undefined) return;
    test.mutate({
      namespace,
      manifest: doc.text,
      event: { source: chosen.eventSourceName, subject: chosen.eventName, type: storedEvent?.type ?? "webhook", data },
    });
  };
  const result = test.data;
  const summary = useMemo(() => {
    if (!result) return undefined;
    const fired = new Map<string, number>();
    for (const firing of result.firings) fired.set(firing.trigger, (fired.get(firing.trigger) ?? 0) + 1);
    const outcomes = new Map<string, number>();
    for (const record of result.explains) {
      const outcome = typeof record.outcome === "string" ? record.outcome : "?";
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    return { fired, outcomes };
  }, [result]);

  return (
    <Dialog open onClose={onClose} title="Try the sensor (nothing is deployed or sent)" testId="sensor-test" wide>
      <div className="form">
        {dependencies.length === 0 ? <p>The sensor has no dependency yet.</p> : null}
        <fieldset className="choices choices--row">
          <legend className="sr-only">What to run it on</legend>
          <label className="choice">
            <input type="radio" checked={mode === "pasted"} onChange={() => setMode("pasted")} data-testid="sensor-test-pasted" />
            A pasted sample
          </label>
          <label className="choice">
            <input type="radio" checked={mode === "stored"} onChange={() => setMode("stored")} disabled={!storedEvent} data-testid="sensor-test-stored" />
            A stored event
          </label>
          <label className="choice">
            <input type="radio" checked={mode === "backtest"} onChange={() => setMode("backtest")} data-testid="sensor-test-backtest" />
            Backtest on stored events
          </label>
        </fieldset>
        {mode !== "backtest" ? (
          <label className="field">
            <span>As an event of dependency</span>
            <select value={dependency} onChange={(change) => setDependency(change.target.value)} data-testid="sensor-test-dependency">
              {dependencies.map((candidate) => (
                <option key={candidate.name} value={candidate.name}>
                  {candidate.name} ({candidate.eventSourceName}/{candidate.eventName})
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {mode === "pasted" ? (
          <label className="field">
            <span>Event data (JSON)</span>
            <textarea className="code-input" rows={7} value={pasted} onChange={(change) => setPasted(change.target.value)} spellCheck={false} aria-invalid={!parsed.ok} data-testid="sensor-test-json" />
            {!parsed.ok ? <span className="field__error">{parsed.error}</span> : null}
          </label>
        ) : mode === "stored" ? (
          <label className="field">
            <span>Event</span>
            <select value={storedEvent?.id ?? ""} onChange={(change) => setStoredId(change.target.value)}>
              {(stored.data?.items ?? []).map((item) => (
                <option key={item.id} value={item.id}>
                  {formatLocalTime(item.time)} · {shortId(item.id)}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <label className="field">
            <span>The most recent stored events of namespace {namespace}, oldest first</span>
            <input type="number" min={1} max={500} value={limit} onChange={(change) => setLimit(Math.max(1, Math.min(500, Number(change.target.value) || 1)))} data-testid="sensor-test-limit" />
          </label>
        )}
        <div className="form__actions form__actions--start">
          <button type="button" className="button button--primary" onClick={run} disabled={test.isPending || (mode === "pasted" && !parsed.ok)} data-testid="sensor-test-run">
            {test.isPending ? "Running…" : mode === "backtest" ? "Backtest" : "Run"}
          </button>
        </div>
        {test.error ? (
          <p className="error-text" role="alert">
            {test.error.message}
          </p>
        ) : null}
        {result && summary ? (
          <div className="test-result" data-testid="sensor-test-result" aria-live="polite">
            <p data-testid="sensor-test-summary">
              {result.events} {result.events === 1 ? "event" : "events"}:{" "}
              {[...summary.outcomes].map(([outcome, count]) => `${count} ${outcome}`).join(", ") || "no dependency took any"}.{" "}
              {result.firings.length === 0
                ? "No trigger would fire."
                : [...summary.fired].map(([trigger, count]) => `${trigger} would fire ${count} ${count === 1 ? "time" : "times"}`).join("; ") + "."}
              {result.unmatched.length > 0 ? ` ${result.unmatched.length} matched no dependency.` : ""}
            </p>
            <ExplainList records={result.explains.slice(0, 50)} emptyText="No dependency of the sensor takes these events." />
            {result.firings.slice(0, 20).map((firing, index) => (
              <details key={index} className="run__request">
                <summary>
                  {firing.trigger} fired by {firing.firedBy.slice(0, 8)} {firing.error ? <span className="error-text">— {firing.error}</span> : null}
                </summary>
                {firing.request ? <pre className="json">{JSON.stringify(firing.request, null, 2)}</pre> : null}
              </details>
            ))}
            {result.triggerErrors.map((error, index) => (
              <p key={index} className="error-text small">
                {error.trigger}: {error.error}
              </p>
            ))}
          </div>
        ) : null}
        <div className="form__actions">
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </Dialog>
  );
}

"use client";
/**
 * Replay one stored event: to the sensors it reached (republished on the bus with `replayof`), or delivered straight
 * to one chosen sensor, or one trigger of it. The confirmation names the target.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../../trpc/client.tsx";
import type { ResourceItem } from "../../trpc/types.ts";
import { Dialog } from "../Dialog.tsx";

/** Sensor names with their trigger names, from sensor resources. */
export function targetsOf(sensors: readonly ResourceItem[]): { sensor: string; triggers: string[] }[] {
  return sensors
    .map((sensor) => {
      const spec = (sensor.manifest.spec ?? {}) as { triggers?: { template?: { name?: unknown } }[] };
      const triggers = (spec.triggers ?? [])
        .map((trigger) => trigger.template?.name)
        .filter((name): name is string => typeof name === "string");
      return { sensor: sensor.name, triggers };
    })
    .sort((a, b) => a.sensor.localeCompare(b.sensor));
}

export function ReplayDialog({
  open,
  onClose,
  event,
  sensors,
  onReplayed,
}: {
  open: boolean;
  onClose: () => void;
  event: { id: string; namespace: string; source: string; subject: string };
  sensors: readonly ResourceItem[];
  onReplayed: (replayId: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const targets = targetsOf(sensors);
  const [mode, setMode] = useState<"original" | "target">("original");
  const [sensor, setSensor] = useState("");
  const [trigger, setTrigger] = useState("");
  const chosen = targets.find((target) => target.sensor === sensor);
  const replay = useMutation(
    trpc.events.replay.mutationOptions({
      onSuccess: (result) => {
        void queryClient.invalidateQueries(trpc.runs.pathFilter());
        void queryClient.invalidateQueries(trpc.events.byId.pathFilter());
        onReplayed(result.replayId);
        onClose();
      },
    }),
  );
  const description =
    mode === "original"
      ? `republish it on the bus: every sensor that depends on ${event.source}/${event.subject} gets it again`
      : sensor
        ? `deliver it to sensor ${sensor}${trigger ? `, trigger ${trigger} only` : ", all its triggers"} (not through the bus)`
        : "choose a sensor";
  return (
    <Dialog open={open} onClose={onClose} title="Replay this event" testId="replay-dialog">
      <form
        className="form"
        onSubmit={(submit) => {
          submit.preventDefault();
          replay.mutate({
            id: event.id,
            namespace: event.namespace,
            ...(mode === "target" && sensor ? { sensor, ...(trigger ? { trigger } : {}) } : {}),
          });
        }}
      >
        <fieldset className="choices">
          <legend>Target</legend>
          <label className="choice">
            <input
              type="radio"
              name="replay-target"
              checked={mode === "original"}
              onChange={() => setMode("original")}
              data-testid="replay-original"
            />
            The sensors it reached (republish)
          </label>
          <label className="choice">
            <input
              type="radio"
              name="replay-target"
              checked={mode === "target"}
              onChange={() => setMode("target")}
              data-testid="replay-one"
            />
            One sensor or trigger
          </label>
        </fieldset>
        {mode === "target" ? (
          <div className="form__row">
            <label className="field">
              <span>Sensor</span>
              <select
                value={sensor}
                onChange={(change) => {
                  setSensor(change.target.value);
                  setTrigger("");
                }}
                data-testid="replay-sensor"
              >
                <option value="">Choose…</option>
                {targets.map((target) => (
                  <option key={target.sensor} value={target.sensor}>
                    {target.sensor}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>Trigger</span>
              <select value={trigger} onChange={(change) => setTrigger(change.target.value)} data-testid="replay-trigger" disabled={!chosen}>
                <option value="">All its triggers</option>
                {(chosen?.triggers ?? []).map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
          </div>
        ) : null}
        <p className="notice" data-testid="replay-summary">
          Replay <code>{event.id.slice(0, 8)}</code>: {description}.
        </p>
        {replay.error ? (
          <p className="error-text" role="alert">
            {replay.error.message}
          </p>
        ) : null}
        <div className="form__actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className="button button--primary"
            disabled={replay.isPending || (mode === "target" && !sensor)}
            data-testid="replay-confirm"
          >
            {replay.isPending ? "Replaying…" : "Replay"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

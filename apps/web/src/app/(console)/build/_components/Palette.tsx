"use client";
/**
 * What can be put on the canvas: EventSource types, a Sensor, trigger types. Drag an item onto the canvas, or
 * press it (keyboard) to add it at a free spot.
 */
import type { DragEvent } from "react";
import type { PaletteSourceType, PaletteTriggerType } from "../../../../builder/draft.ts";

export type PaletteItem =
  | { kind: "source"; type: PaletteSourceType }
  | { kind: "sensor" }
  | { kind: "trigger"; type: PaletteTriggerType };

export const PALETTE_MIME = "application/x-signalbox-palette";

const groups: { title: string; items: { item: PaletteItem; label: string; hint: string }[] }[] = [
  {
    title: "Event sources",
    items: [
      { item: { kind: "source", type: "webhook" }, label: "Webhook", hint: "HTTP endpoint on a port" },
      { item: { kind: "source", type: "calendar" }, label: "Calendar", hint: "interval or cron schedule" },
    ],
  },
  { title: "Sensors", items: [{ item: { kind: "sensor" }, label: "Sensor", hint: "waits for events, fires triggers" }] },
  {
    title: "Triggers",
    items: [
      { item: { kind: "trigger", type: "http" }, label: "HTTP request", hint: "send a request built from events" },
      { item: { kind: "trigger", type: "log" }, label: "Log", hint: "write the events to the log" },
    ],
  },
];

export function paletteId(item: PaletteItem): string {
  return item.kind === "sensor" ? "sensor" : `${item.kind}-${item.type}`;
}

export function Palette({ onAdd }: { onAdd: (item: PaletteItem) => void }) {
  const start = (event: DragEvent<HTMLButtonElement>, item: PaletteItem) => {
    event.dataTransfer.setData(PALETTE_MIME, JSON.stringify(item));
    event.dataTransfer.effectAllowed = "copy";
  };
  return (
    <nav className="palette" aria-label="Palette">
      {groups.map((group) => (
        <div key={group.title} className="palette__group">
          <h2>{group.title}</h2>
          {group.items.map(({ item, label, hint }) => (
            <button
              key={paletteId(item)}
              type="button"
              draggable
              className={`palette__item palette__item--${item.kind}`}
              onDragStart={(event) => start(event, item)}
              onClick={() => onAdd(item)}
              data-testid={`palette-${paletteId(item)}`}
              title={`Drag onto the canvas (or press to add): ${hint}`}
            >
              <span className="palette__label">{label}</span>
              <span className="palette__hint">{hint}</span>
            </button>
          ))}
        </div>
      ))}
      <p className="palette__help muted small">
        Drag items onto the canvas. Connect an event to a sensor to add a dependency, a sensor to a trigger to add the
        trigger.
      </p>
    </nav>
  );
}

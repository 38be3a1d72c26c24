"use client";
/**
 * A decoded payload as a collapsible JSON tree. Objects and arrays open and close (buttons, so the keyboard works);
 * the first levels start open. With `onPick`, every value gets a "use" button that reports its path (the payload
 * mapping editor turns it into a parameter).
 */
import { memo, useState } from "react";
import { gjsonPath, type JsonPath } from "../mapping/gjsonPath.ts";

export interface JsonTreeProps {
  value: unknown;
  testId?: string;
  /** Levels open at first (default 3). */
  openDepth?: number;
  onPick?: ((path: JsonPath, value: unknown) => void) | undefined;
  /** Label of the pick buttons. */
  pickLabel?: string;
  label?: string;
}

export function JsonTree({ value, testId, openDepth = 3, onPick, pickLabel = "use", label = "Payload" }: JsonTreeProps) {
  return (
    <div className="json-tree" data-testid={testId} role="group" aria-label={label}>
      <JsonNode name={undefined} value={value} path={[]} depth={0} openDepth={openDepth} onPick={onPick} pickLabel={pickLabel} last />
    </div>
  );
}

interface NodeProps {
  name: string | number | undefined;
  value: unknown;
  path: JsonPath;
  depth: number;
  openDepth: number;
  onPick: JsonTreeProps["onPick"];
  pickLabel: string;
  last: boolean;
}

const JsonNode = memo(function JsonNode({ name, value, path, depth, openDepth, onPick, pickLabel, last }: NodeProps) {
  const isArray = Array.isArray(value);
  const isObject = value !== null && typeof value === "object";
  const entries: [string | number, unknown][] = isObject
    ? isArray
      ? (value as unknown[]).map((item, index) => [index, item])
      : Object.entries(value as Record<string, unknown>)
    : [];
  const [open, setOpen] = useState(depth < openDepth && entries.length <= 200);
  const key =
    name === undefined ? null : typeof name === "number" ? (
      <span className="json-index">{name}: </span>
    ) : (
      <span className="json-key">{JSON.stringify(name)}: </span>
    );
  const comma = last ? "" : ",";
  const dotted = gjsonPath(path);
  const pick = onPick ? (
    <button
      type="button"
      className="json-pick"
      onClick={() => onPick(path, value)}
      data-testid={`json-pick-${dotted || "(root)"}`}
      aria-label={`${pickLabel} ${dotted || "the whole payload"}`}
      title={`${pickLabel} ${dotted || "the whole payload"}`}
    >
      {pickLabel}
    </button>
  ) : null;

  if (!isObject) {
    return (
      <div className="json-line" data-path={dotted}>
        {key}
        <span className={`json-${literalKind(value)}`}>{JSON.stringify(value) ?? "undefined"}</span>
        {comma}
        {pick}
      </div>
    );
  }
  const [openMark, closeMark] = isArray ? ["[", "]"] : ["{", "}"];
  if (entries.length === 0) {
    return (
      <div className="json-line" data-path={dotted}>
        {key}
        {openMark}
        {closeMark}
        {comma}
        {pick}
      </div>
    );
  }
  return (
    <div data-path={dotted}>
      <div className="json-line">
        <button
          type="button"
          className="json-toggle"
          onClick={() => setOpen(!open)}
          aria-expanded={open}
          aria-label={`${open ? "Collapse" : "Expand"} ${dotted || "payload"}`}
        >
          {open ? "▾" : "▸"}
        </button>
        {key}
        {openMark}
        {open ? null : (
          <span className="json-summary">
            {" "}
            {entries.length} {isArray ? (entries.length === 1 ? "item" : "items") : entries.length === 1 ? "key" : "keys"}{" "}
            {closeMark}
            {comma}
          </span>
        )}
        {pick}
      </div>
      {open ? (
        <>
          <div className="json-children">
            {entries.map(([childName, child], index) => (
              <JsonNode
                key={String(childName)}
                name={childName}
                value={child}
                path={[...path, childName]}
                depth={depth + 1}
                openDepth={openDepth}
                onPick={onPick}
                pickLabel={pickLabel}
                last={index === entries.length - 1}
              />
            ))}
          </div>
          <div className="json-line json-close">
            {closeMark}
            {comma}
          </div>
        </>
      ) : null}
    </div>
  );
});

function literalKind(value: unknown): string {
  if (typeof value === "string") return "string";
  if (typeof value === "number") return "number";
  return "literal";
}

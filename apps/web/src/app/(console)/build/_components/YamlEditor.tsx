"use client";
/**
 * The YAML of the selected resource, editable. Every keystroke updates the draft; the form and the canvas follow as
 * soon as the text parses, and what does not parse is listed with its line (the form waits for a fix).
 */
import { useId } from "react";
import { parsed } from "../../../../builder/draft.ts";

export function YamlEditor({ text, onChange, label }: { text: string; onChange: (text: string) => void; label: string }) {
  const id = useId();
  const result = parsed(text);
  const lines = text.split("\n").length;
  return (
    <div className="yaml-editor">
      <label htmlFor={id} className="yaml-editor__label">
        {label}
      </label>
      <div className="yaml-editor__frame">
        <div className="yaml-editor__gutter" aria-hidden="true">
          {Array.from({ length: lines }, (_, index) => (
            <div key={index}>{index + 1}</div>
          ))}
        </div>
        <textarea
          id={id}
          className="yaml-editor__text"
          value={text}
          onChange={(change) => onChange(change.target.value)}
          onScroll={(scroll) => {
            const gutter = scroll.currentTarget.previousElementSibling;
            if (gutter) gutter.scrollTop = scroll.currentTarget.scrollTop;
          }}
          onKeyDown={(key) => {
            // Tab indents (two spaces) instead of leaving the editor; Escape then Tab still leaves it.
            if (key.key !== "Tab" || key.shiftKey) return;
            const area = key.currentTarget;
            if (area.dataset.escaped === "true") return;
            key.preventDefault();
            const { selectionStart, selectionEnd, value } = area;
            onChange(`${value.slice(0, selectionStart)}  ${value.slice(selectionEnd)}`);
            requestAnimationFrame(() => area.setSelectionRange(selectionStart + 2, selectionStart + 2));
          }}
          onKeyUp={(key) => {
            key.currentTarget.dataset.escaped = key.key === "Escape" ? "true" : "false";
          }}
          spellCheck={false}
          wrap="off"
          aria-invalid={!result.ok}
          aria-describedby={!result.ok ? `${id}-problems` : undefined}
          data-testid="builder-yaml"
        />
      </div>
      {!result.ok ? (
        <ul className="issues" id={`${id}-problems`} role="alert" data-testid="yaml-problems">
          {result.problems.map((problem, index) => (
            <li key={index}>
              line {problem.line}: {problem.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

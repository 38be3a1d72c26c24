"use client";
/**
 * Form fields bound to a path of the resource being edited. Each shows the problems found at its path (the engine's
 * schema in the browser, the API's `manifests.validate`) under the field, and is named by that path for tests
 * (`field-spec.webhook.example.port`).
 */
import { useId, useState, type ReactNode } from "react";
import { formatPath, issuesAt, type FieldIssue } from "../../../../lib/issues.ts";
import type { YamlPath } from "../../../../lib/yamlEdit.ts";

export interface FieldProps {
  label: string;
  path: YamlPath;
  issues: readonly FieldIssue[];
  hint?: ReactNode;
  /** Path prefix of the issues (an orphan trigger's issues are relative to the trigger). */
  issuePath?: YamlPath;
}

function useFieldIds(path: YamlPath) {
  const id = useId();
  return { inputId: `${id}-input`, errorId: `${id}-error`, hintId: `${id}-hint`, testId: `field-${formatPath(path)}` };
}

function Problems({ id, issues }: { id: string; issues: readonly FieldIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <span className="field__error" id={id} role="alert">
      {issues.map((issue) => issue.message).join("; ")}
    </span>
  );
}

/** A text field; `commit: "blur"` applies the value when leaving the field (names that are map keys). */
export function TextField({
  label,
  path,
  issues,
  hint,
  issuePath,
  value,
  onChange,
  placeholder,
  commit = "change",
  mono,
}: FieldProps & {
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  commit?: "change" | "blur";
  mono?: boolean;
}) {
  const ids = useFieldIds(path);
  const problems = issuesAt(issues, issuePath ?? path);
  const [draft, setDraft] = useState<string>();
  const shown = commit === "blur" && draft !== undefined ? draft : value;
  const describedBy = [problems.length > 0 ? ids.errorId : "", hint ? ids.hintId : ""].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={ids.inputId}>{label}</label>
      <input
        id={ids.inputId}
        className={mono ? "mono" : undefined}
        value={shown}
        placeholder={placeholder}
        spellCheck={false}
        aria-invalid={problems.length > 0}
        aria-describedby={describedBy || undefined}
        data-testid={ids.testId}
        onChange={(change) => (commit === "blur" ? setDraft(change.target.value) : onChange(change.target.value))}
        onBlur={() => {
          if (commit === "blur" && draft !== undefined) {
            if (draft !== value) onChange(draft);
            setDraft(undefined);
          }
        }}
        onKeyDown={(key) => {
          if (commit === "blur" && key.key === "Enter") (key.target as HTMLInputElement).blur();
        }}
      />
      {hint ? (
        <span className="field__hint" id={ids.hintId}>
          {hint}
        </span>
      ) : null}
      <Problems id={ids.errorId} issues={problems} />
    </div>
  );
}

export function SelectField({
  label,
  path,
  issues,
  issuePath,
  value,
  options,
  onChange,
  hint,
}: FieldProps & { value: string; options: readonly (string | { value: string; label: string })[]; onChange: (value: string) => void }) {
  const ids = useFieldIds(path);
  const problems = issuesAt(issues, issuePath ?? path);
  const normalized = options.map((option) => (typeof option === "string" ? { value: option, label: option } : option));
  const known = normalized.some((option) => option.value === value);
  return (
    <div className="field">
      <label htmlFor={ids.inputId}>{label}</label>
      <select
        id={ids.inputId}
        value={value}
        aria-invalid={problems.length > 0}
        aria-describedby={problems.length > 0 ? ids.errorId : undefined}
        data-testid={ids.testId}
        onChange={(change) => onChange(change.target.value)}
      >
        {known ? null : <option value={value}>{value || "choose…"}</option>}
        {normalized.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {hint ? <span className="field__hint">{hint}</span> : null}
      <Problems id={ids.errorId} issues={problems} />
    </div>
  );
}

export function CheckField({
  label,
  path,
  issues,
  issuePath,
  checked,
  onChange,
}: FieldProps & { checked: boolean; onChange: (checked: boolean) => void }) {
  const ids = useFieldIds(path);
  const problems = issuesAt(issues, issuePath ?? path);
  return (
    <div className="field field--check">
      <label className="choice">
        <input type="checkbox" checked={checked} onChange={(change) => onChange(change.target.checked)} data-testid={ids.testId} />
        {label}
      </label>
      <Problems id={ids.errorId} issues={problems} />
    </div>
  );
}

/** Problems of a resource that no field shows (the whole document, or a field the form does not have). */
export function OtherIssues({ issues, shown }: { issues: readonly FieldIssue[]; shown: (issue: FieldIssue) => boolean }) {
  const rest = issues.filter((issue) => !shown(issue));
  if (rest.length === 0) return null;
  return (
    <ul className="issues" aria-label="Other problems" data-testid="form-issues">
      {rest.map((issue, index) => (
        <li key={index}>
          {issue.path ? <code>{issue.path}</code> : null} {issue.message}
        </li>
      ))}
    </ul>
  );
}

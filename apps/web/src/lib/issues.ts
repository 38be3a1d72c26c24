/**
 * Field issues of a resource draft, with paths written the way the API writes them
 * (`spec.triggers[0].template.http.url`), so client-side checks (the engine's zod schemas) and the API's
 * `manifests.validate` land on the same form field. Pure.
 */
import type { z } from "zod";
import { eventSourceResource, sensorResource } from "../engine/index.ts";

/** A problem at a field. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** `["spec","triggers",0,"template"]` → `spec.triggers[0].template` (the API's notation). */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else {
      const key = String(part);
      out += /^[A-Za-z_$][\w$-]*$/.test(key) ? (out ? `.${key}` : key) : `[${JSON.stringify(key)}]`;
    }
  }
  return out;
}

function zodIssues(error: z.ZodError): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) out.push({ path: formatPath([...issue.path, key]), message: `unknown field '${key}'` });
    } else out.push({ path: formatPath(issue.path), message: issue.message });
  }
  return out;
}

/** Check a resource with the engine's own schema (structure only; the API also checks expressions and templates). */
export function checkResource(value: unknown): FieldIssue[] {
  const record = value !== null && typeof value === "object" ? (value as Record<string, unknown>) : {};
  switch (record.kind) {
    case "Sensor": {
      const parsed = sensorResource.safeParse(value);
      return parsed.success ? [] : zodIssues(parsed.error);
    }
    case "EventSource": {
      const parsed = eventSourceResource.safeParse(value);
      return parsed.success ? [] : zodIssues(parsed.error);
    }
    default:
      return [{ path: "kind", message: "the builder edits EventSources and Sensors" }];
  }
}

/** Issues at exactly this field. */
export function issuesAt(issues: readonly FieldIssue[], path: readonly PropertyKey[]): FieldIssue[] {
  const key = formatPath(path);
  return issues.filter((issue) => issue.path === key);
}

/** Issues at this field or below it. */
export function issuesUnder(issues: readonly FieldIssue[], path: readonly PropertyKey[]): FieldIssue[] {
  const key = formatPath(path);
  return issues.filter(
    (issue) => key === "" || issue.path === key || issue.path.startsWith(`${key}.`) || issue.path.startsWith(`${key}[`),
  );
}

/** The same issue list without duplicates (client and API may both report one). */
export function uniqueIssues(issues: readonly FieldIssue[]): FieldIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.path}\0${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** An API issue's message without the resource label it starts with (`Sensor orders: …`): the form shows the field. */
export function withoutLabel(message: string): string {
  return message.replace(/^(EventBus|EventSource|Sensor|Secret|ConfigMap)( [^\s:]+)?: /, "");
}

/**
 * `filters.context` (§5.4): exact string equality on each of `type`, `subject`, `source`, `datacontenttype` that
 * is set (non-empty). `id`, `time` and `specversion` are ignored, as in Argo. Pure; never errors.
 */
import type { DependencyFilters } from "../../resources/sensor.ts";
import type { CompiledKind, KindResult } from "./types.ts";

type ContextFilter = NonNullable<DependencyFilters["context"]>;

const FIELDS = ["type", "subject", "source", "datacontenttype"] as const;

/** Compile `filters.context`; `path` locates it in the spec for the verdict. */
export function compileContextFilter(filter: ContextFilter, path: string): CompiledKind {
  const expected = FIELDS.flatMap((field) => {
    const value = filter[field];
    return value === undefined || value === "" ? [] : [{ field, value }];
  });
  return {
    kind: "context",
    evaluate(event): KindResult {
      const seen = expected.map(({ field }) => `${field}=${JSON.stringify(event.context[field])}`).join(", ");
      const mismatches = expected.filter(({ field, value }) => event.context[field] !== value);
      const match = mismatches.length === 0;
      const reason = match
        ? expected.length === 0
          ? "no context field set: matches every event"
          : `context ${seen} matches`
        : mismatches
            .map(
              ({ field, value }) => `${field} is ${JSON.stringify(event.context[field])}, not ${JSON.stringify(value)}`,
            )
            .join("; ");
      return {
        kind: "context",
        match,
        reason,
        verdicts: [{ kind: "context", path, value: seen, pass: match, reason }],
      };
    },
  };
}

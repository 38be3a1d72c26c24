/**
 * Generates `docs/manifest-support.md`: every Argo source and trigger type, whether Signalbox runs it, the fields
 * its schema knows, and for the types it runs the fields it refuses or ignores. Field lists come from the schemas
 * themselves; the notes on refused and ignored fields are written here, next to the schemas they describe, and
 * `manifestSupport.test.ts` checks that each note names a field the schema has and that the document is current
 * (`UPDATE_MANIFEST_SUPPORT=1 npx vitest run --project unit manifestSupport` rewrites it).
 */
import { z } from "zod";
import { argoSourceTypes, supportedSourceTypes } from "../eventSource.ts";
import { argoTriggerTypes, supportedTriggerTypes } from "../trigger.ts";
import { unsupportedTriggerSchema } from "../triggers/index.ts";
import { unsupportedSourceSchema } from "./index.ts";

/** What Signalbox does with a field of a type it runs, when that is not "what Argo does". */
export interface FieldNote {
  field: string;
  treatment: "refused" | "ignored" | "differs";
  why: string;
}

/** Notes on the types Signalbox runs, by `spec.<type>` / `template.<type>` key. */
export const sourceNotes: Record<string, FieldNote[]> = {
  webhook: [{ field: "url", treatment: "ignored", why: "descriptive only, as in Argo" }],
  kafka: [
    { field: "config", treatment: "refused", why: "raw sarama YAML: the consumer is kafkajs" },
    { field: "schemaRegistry", treatment: "refused", why: "no Avro decoding" },
    { field: "awsMskIamAuth", treatment: "refused", why: "no AWS IAM SASL signing" },
    { field: "sasl", treatment: "differs", why: "mechanisms OAUTHBEARER and GSSAPI are refused; PLAIN and SCRAM run" },
  ],
  nats: [{ field: "auth", treatment: "differs", why: "exactly one method is required (Argo uses the first set)" }],
};

/** Notes on the trigger types Signalbox runs. */
export const triggerNotes: Record<string, FieldNote[]> = {
  http: [{ field: "host", treatment: "refused", why: "the request's Host is the URL's" }],
  kafka: [
    { field: "schemaRegistry", treatment: "refused", why: "no Avro encoding" },
    { field: "partition", treatment: "ignored", why: "deprecated and unused, as in Argo" },
    { field: "flushFrequency", treatment: "ignored", why: "each message is sent at once and its acks awaited" },
    { field: "compress", treatment: "differs", why: "gzip instead of snappy (kafkajs has no snappy codec)" },
  ],
};

/** Notes on the fields around the types: resource specs, the trigger wrapper, the EventBus kinds. */
const resourceNotes: [string, string, string][] = [
  [
    "EventSource",
    "`spec.template`, `spec.service`, `spec.replicas`",
    "accepted and ignored with a warning (Argo's pod, Service and Deployment); their Argo fields are still checked, the `k8s.io/api/core/v1` values inside are not",
  ],
  ["EventSource, Sensor, EventBus", "`status`", "accepted and ignored with a warning: Signalbox computes it"],
  [
    "EventSource",
    "event names",
    "must be unique across all types of the EventSource, also for types Signalbox does not run",
  ],
  [
    "EventSource",
    "mixing Recreate and RollingUpdate types",
    "rejected, as Argo does (e.g. `calendar` with `webhook` in one EventSource: singleton and active/active types run differently)",
  ],
  ["Sensor", "`spec.template`, `spec.replicas`, `spec.revisionHistoryLimit`", "accepted and ignored with a warning"],
  [
    "Sensor",
    "`spec.errorOnFailedRound`",
    "accepted and ignored without a warning (Argo declares it and never reads it)",
  ],
  [
    "Sensor",
    "`triggers[].policy.k8s`",
    "accepted; only the k8s and argoWorkflow triggers read it, and Signalbox runs neither",
  ],
  ["Sensor", "`triggers[].dlqTrigger.dlqTrigger`", "refused as an unknown field (Argo's type allows a DLQ of a DLQ)"],
  [
    "EventBus",
    "`spec.jetstream`",
    "runs on Signalbox's own NATS server; only `streamConfig` is used, the StatefulSet fields (`version`, `replicas`, `persistence`, pod placement, `settings`, `startArgs`, `maxPayload`) are accepted and ignored",
  ],
  ["EventBus", "`spec.jetstreamExotic`, `spec.kafka`", "run with Argo's names on the given servers"],
  ["EventBus", "`spec.nats`", "refused after its fields are checked: NATS Streaming (STAN) is deprecated"],
];

/** The top-level field names of a type's schema (as a user writes them: input side of transforms). */
export function fieldsOf(schema: z.ZodType): string[] {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as {
    properties?: Record<string, unknown>;
  };
  return Object.keys(json.properties ?? {});
}

function schemaOfSource(type: string): z.ZodType | undefined {
  return (supportedSourceTypes as Record<string, z.ZodType | undefined>)[type] ?? unsupportedSourceSchema(type);
}

function schemaOfTrigger(type: string): z.ZodType | undefined {
  return (supportedTriggerTypes as Record<string, z.ZodType | undefined>)[type] ?? unsupportedTriggerSchema(type);
}

const code = (names: readonly string[]) => names.map((name) => `\`${name}\``).join(", ");

function notesCell(notes: readonly FieldNote[] | undefined): string {
  if (!notes?.length) return "—";
  return notes.map((note) => `\`${note.field}\` ${note.treatment}: ${note.why}`).join("; ");
}

function typesOf(kind: "source" | "trigger"): { type: string; runs: boolean; fields: string[] }[] {
  const types: readonly string[] = kind === "source" ? argoSourceTypes : argoTriggerTypes;
  const supported: Record<string, unknown> = kind === "source" ? supportedSourceTypes : supportedTriggerTypes;
  return [...types]
    .sort((a, b) => Number(b in supported) - Number(a in supported) || a.localeCompare(b))
    .map((type) => {
      const schema = kind === "source" ? schemaOfSource(type) : schemaOfTrigger(type);
      return { type, runs: type in supported, fields: schema ? fieldsOf(schema) : [] };
    });
}

function table(kind: "source" | "trigger"): string[] {
  const notes = kind === "source" ? sourceNotes : triggerNotes;
  const key = kind === "source" ? "spec" : "template";
  const rows = [`| \`${key}.<type>\` | Signalbox | fields | refused, ignored or different |`, "|---|---|---|---|"];
  for (const { type, runs, fields } of typesOf(kind)) {
    const status = runs ? "runs" : "checked, then refused";
    rows.push(`| \`${type}\` | ${status} | ${fields.length} | ${runs ? notesCell(notes[type]) : "the whole type"} |`);
  }
  return rows;
}

function fieldList(kind: "source" | "trigger"): string[] {
  return typesOf(kind).map(({ type, fields }) => `- \`${type}\`: ${fields.length ? code(fields) : "—"}`);
}

/** The whole `docs/manifest-support.md`. */
export function manifestSupportMarkdown(): string {
  const sources = argoSourceTypes.filter((type) => type in supportedSourceTypes).length;
  const triggers = argoTriggerTypes.filter((type) => type in supportedTriggerTypes).length;
  return [
    "# Argo manifest support",
    "",
    "<!-- Generated by packages/engine/src/resources/sources/manifestSupport.ts: do not edit by hand. -->",
    "",
    "Signalbox reads `argoproj.io/v1alpha1` manifests strictly: every field of every Argo type is known, and anything",
    "else is an error with its path (`spec.triggers[0].template.http.url`). Nothing is applied when any document has",
    "an error, and every error of every document is listed.",
    "",
    `- It runs ${sources} of Argo's ${argoSourceTypes.length} source types and ${triggers} of its ${argoTriggerTypes.length} trigger types.`,
    "- The other types are checked field by field (misspelled or mistyped fields are reported with their path), then",
    '  refused with "source type \'x\' is not supported by Signalbox yet" (or "trigger type"): a manifest never loses',
    "  a source or a trigger without a word.",
    "- Cross-field rules of Argo's own validation (e.g. `url` or `urlSecret`, a TLS block with certificates or",
    "  `enabled`, a queue or a topic) are checked too, with the path of the field concerned.",
    "",
    "## Sources",
    "",
    ...table("source"),
    "",
    "## Triggers",
    "",
    ...table("trigger"),
    "",
    "## Fields of each type",
    "",
    "The fields each schema knows, as in Argo's Go types (nested objects are checked as strictly).",
    "",
    "### Sources",
    "",
    ...fieldList("source"),
    "",
    "### Triggers",
    "",
    ...fieldList("trigger"),
    "",
    "## Around the types",
    "",
    "| resource | field | Signalbox |",
    "|---|---|---|",
    ...resourceNotes.map(([resource, field, what]) => `| ${resource} | ${field} | ${what} |`),
    "",
  ].join("\n");
}

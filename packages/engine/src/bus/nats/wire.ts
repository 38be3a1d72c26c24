/**
 * Names and encodings on the wire: stream, subjects, KV buckets and keys, headers. Pure functions.
 *
 * Naming schemes (see {@link ARGO_NAMES} and {@link namespacedNames}):
 * - Argo's exact names, for `jetstreamExotic` or a bus shared with Argo Events: stream `default`, subjects
 *   `default.<eventSource>.<event>`, KV bucket `<sensor>`.
 * - Native (several namespaces on the process's own NATS): stream `<ns>_<bus>`, subjects `<ns>.<bus>.<es>.<event>`,
 *   KV bucket `<ns>_<bus>_<sensor>`. Namespace and bus names are DNS labels (no `_`, no `.`), so no two namespaces
 *   share a name, their subject spaces never overlap, and none overlaps Argo's three-token `default.*.*`.
 */
import { headers as natsHeaders, type MsgHdrs } from "@nats-io/transport-node";
import { ValidationError } from "../../errors.ts";
import type { SubjectFilter } from "../types.ts";

/** Where one bus lives on a NATS server. */
export interface JetStreamNames {
  /** Stream name (Argo: `default`). */
  readonly streamName: string;
  /** First subject token(s); the stream takes `<subjectPrefix>.*.*` (Argo: `default`). */
  readonly subjectPrefix: string;
  /** Put in front of every KV bucket name (Argo: none, the bucket is the sensor's name). */
  readonly kvPrefix: string;
}

/** Argo Events' names, bit for bit. */
export const ARGO_NAMES: JetStreamNames = Object.freeze({
  streamName: "default",
  subjectPrefix: "default",
  kvPrefix: "",
});

/** Names of a namespace's bus on a NATS server shared by several namespaces (the native `jetstream` kind). */
export function namespacedNames(namespace: string, busName = "default"): JetStreamNames {
  return {
    streamName: `${namespace}_${busName}`,
    subjectPrefix: `${namespace}.${busName}`,
    kvPrefix: `${namespace}_${busName}_`,
  };
}

const BAD_TOKEN = /[.*>\s]/;

/** Subject of a message; throws {@link ValidationError} for names NATS cannot carry as one token (Argo fails later). */
export function subjectOf(names: JetStreamNames, eventSourceName: string, eventName: string): string {
  for (const [path, value] of [
    ["eventSourceName", eventSourceName],
    ["eventName", eventName],
  ] as const) {
    if (value === "" || BAD_TOKEN.test(value)) {
      throw new ValidationError([
        { path, message: `${JSON.stringify(value)} cannot be a NATS subject token (no dots, wildcards or spaces)` },
      ]);
    }
  }
  return `${names.subjectPrefix}.${eventSourceName}.${eventName}`;
}

/** The stream's subject pattern, also the filter of a consumer that wants everything. */
export function allSubjects(names: JetStreamNames): string {
  return `${names.subjectPrefix}.*.*`;
}

/** Filter subject of one {@link SubjectFilter}; `*` in either place is a NATS wildcard token. */
export function filterSubject(names: JetStreamNames, filter: SubjectFilter): string {
  const token = (value: string, path: string) => {
    if (value === "*") return value;
    if (value === "" || BAD_TOKEN.test(value))
      throw new ValidationError([{ path, message: `${JSON.stringify(value)} is not a subject token or *` }]);
    return value;
  };
  return `${names.subjectPrefix}.${token(filter.eventSourceName, "eventSourceName")}.${token(filter.eventName, "eventName")}`;
}

/** Split a delivered subject back into EventSource and event name; `undefined` if it is not one of ours. */
export function parseSubject(
  names: JetStreamNames,
  subject: string,
): { eventSourceName: string; eventName: string } | undefined {
  const head = `${names.subjectPrefix}.`;
  if (!subject.startsWith(head)) return undefined;
  const rest = subject.slice(head.length);
  const dot = rest.indexOf(".");
  if (dot <= 0 || dot === rest.length - 1 || rest.includes(".", dot + 1)) return undefined;
  return { eventSourceName: rest.slice(0, dot), eventName: rest.slice(dot + 1) };
}

/** Whether a parsed subject passes any of the filters (client-side, for servers without `filter_subjects`). */
export function matchesAny(filters: readonly SubjectFilter[], eventSourceName: string, eventName: string): boolean {
  return filters.some(
    (f) =>
      (f.eventSourceName === "*" || f.eventSourceName === eventSourceName) &&
      (f.eventName === "*" || f.eventName === eventName),
  );
}

/**
 * Transport headers as NATS headers. `Nats-*` names are JetStream's control headers (`Nats-Msg-Id`,
 * `Nats-Expected-*`): a transport header must not steer the server, so those are left out; the id travels in the
 * publish option instead.
 */
export function toNatsHeaders(headers: Readonly<Record<string, string>>): MsgHdrs | undefined {
  let out: MsgHdrs | undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (/^nats-/i.test(key)) continue;
    out ??= natsHeaders();
    try {
      out.set(key, value);
    } catch (error) {
      throw new ValidationError([
        { path: `headers.${key}`, message: `cannot travel as a NATS header: ${(error as Error).message}` },
      ]);
    }
  }
  return out;
}

/** NATS headers of a delivered message: the `Nats-Msg-Id` and the transport headers (first value of each). */
export function fromNatsHeaders(hdrs: MsgHdrs | undefined): {
  msgId: string | undefined;
  headers: Record<string, string>;
} {
  const headers: Record<string, string> = {};
  let msgId: string | undefined;
  if (!hdrs) return { msgId, headers };
  for (const key of hdrs.keys()) {
    if (/^nats-msg-id$/i.test(key)) msgId = hdrs.get(key);
    else if (!/^nats-/i.test(key)) headers[key] = hdrs.get(key);
  }
  return { msgId, headers };
}

/** The CloudEvent id of a body without `Nats-Msg-Id` (a foreign publisher); `undefined` if it has none. */
export function idFromBody(body: Uint8Array): string | undefined {
  try {
    const parsed: unknown = JSON.parse(new TextDecoder().decode(body));
    if (parsed && typeof parsed === "object" && "id" in parsed && typeof parsed.id === "string") return parsed.id;
  } catch {
    // not JSON: the caller falls back to the stream sequence
  }
  return undefined;
}

const VALID_BUCKET = /^[-\w]+$/;

/**
 * KV bucket of a store name. Valid names (`[-A-Za-z0-9_]`, every Kubernetes name without dots) are used as they are,
 * as Argo does; anything else is made valid and suffixed with a hash of the original, so two names never share one.
 */
export function bucketName(names: JetStreamNames, bucket: string): string {
  const wanted = `${names.kvPrefix}${bucket}`;
  if (VALID_BUCKET.test(wanted)) return wanted;
  return `${wanted.replace(/[^-\w]/g, "_")}_${fnv32a(bucket).toString(16)}`;
}

// JetStream KV keys allow `[-/=._A-Za-z0-9]` with no leading/trailing dot (nats.go and nats.js alike), so Argo's
// `<trigger>/<dep>` keys are stored as they are. Any other key — and any key that happens to start with the marker —
// is stored as marker + base64url of its UTF-8 bytes: reversible, and never equal to a key stored as-is.
const VALID_KEY = /^[-/=.\w]+$/;
const ENCODED_MARKER = "_sb64=";

/** Key as stored in the bucket. */
export function encodeKey(key: string): string {
  if (
    VALID_KEY.test(key) &&
    !key.startsWith(".") &&
    !key.endsWith(".") &&
    !key.includes("..") &&
    !key.startsWith(ENCODED_MARKER)
  ) {
    return key;
  }
  return `${ENCODED_MARKER}${Buffer.from(key, "utf8").toString("base64url")}`;
}

/** Inverse of {@link encodeKey}. */
export function decodeKey(stored: string): string {
  return stored.startsWith(ENCODED_MARKER)
    ? Buffer.from(stored.slice(ENCODED_MARKER.length), "base64url").toString("utf8")
    : stored;
}

function fnv32a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

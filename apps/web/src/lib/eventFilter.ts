/**
 * The event search filter as the URL carries it (`/events?ns=shop&source=hooks&match=body.customer%3Dann&id=…`) and
 * as the API takes it (`events.list`, `events.count`, `replays.estimate`, `events.live`). Pure.
 */
export const OUTCOMES = ["fired", "filtered", "failed", "pending", "interrupted"] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Everything the event screens filter by; empty strings mean "any". */
export interface EventFilterState {
  namespace: string;
  source: string;
  subject: string;
  type: string;
  sensor: string;
  trigger: string;
  outcome: Outcome | "";
  /** RFC 3339 UTC or empty. */
  from: string;
  to: string;
  /** `path=value` expressions on the decoded payload, all of which must hold. */
  match: string[];
}

type Params = Pick<URLSearchParams, "get" | "getAll">;

const MATCH = /^[A-Za-z0-9_\-@$:]+(\.[A-Za-z0-9_\-@$:]+)*=/;

/** Read the filter from URL search params (unknown or malformed values are ignored). */
export function filterFromParams(params: Params, namespace: string): EventFilterState {
  const text = (name: string) => (params.get(name) ?? "").trim().slice(0, 253);
  const outcome = text("outcome");
  return {
    namespace,
    source: text("source"),
    subject: text("subject"),
    type: text("type"),
    sensor: text("sensor"),
    trigger: text("trigger"),
    outcome: (OUTCOMES as readonly string[]).includes(outcome) ? (outcome as Outcome) : "",
    from: isUtc(text("from")) ? text("from") : "",
    to: isUtc(text("to")) ? text("to") : "",
    match: params
      .getAll("match")
      .map((value) => value.trim())
      .filter((value) => MATCH.test(value))
      .slice(0, 16),
  };
}

/** The URL query of a filter (plus the selected event), `ns` first, empty fields left out. */
export function filterToQuery(filter: EventFilterState, selected?: string): string {
  const params = new URLSearchParams();
  params.set("ns", filter.namespace);
  for (const key of ["source", "subject", "type", "sensor", "trigger", "outcome", "from", "to"] as const) {
    if (filter[key]) params.set(key, filter[key]);
  }
  for (const match of filter.match) params.append("match", match);
  if (selected) params.set("id", selected);
  return params.toString();
}

/** The filter as the API's input: only the fields that are set. */
export function filterToApi(filter: EventFilterState) {
  return {
    namespace: filter.namespace,
    ...(filter.source ? { source: filter.source } : {}),
    ...(filter.subject ? { subject: filter.subject } : {}),
    ...(filter.type ? { type: filter.type } : {}),
    ...(filter.sensor ? { sensor: filter.sensor } : {}),
    ...(filter.trigger ? { trigger: filter.trigger } : {}),
    ...(filter.outcome ? { outcome: filter.outcome } : {}),
    ...(filter.from ? { from: filter.from } : {}),
    ...(filter.to ? { to: filter.to } : {}),
    ...(filter.match.length > 0 ? { match: filter.match } : {}),
  };
}

/**
 * The part of the filter the live stream can apply itself (`events.live` filters events by these), or undefined when
 * the filter needs the stored history (sensor, trigger, outcome, time range): then the list refreshes on change
 * notifications instead.
 */
export function liveFilterOf(filter: EventFilterState) {
  if (filter.sensor || filter.trigger || filter.outcome || filter.from || filter.to) return undefined;
  return {
    namespace: filter.namespace,
    ...(filter.source ? { source: filter.source } : {}),
    ...(filter.subject ? { subject: filter.subject } : {}),
    ...(filter.type ? { type: filter.type } : {}),
    ...(filter.match.length > 0 ? { match: filter.match } : {}),
  };
}

/** True when nothing but the namespace is set. */
export function isEmptyFilter(filter: EventFilterState): boolean {
  return Object.keys(filterToApi(filter)).length === 1;
}

/** Split what a person typed into the search box into match expressions; the rest is reported. */
export function parseMatchInput(text: string): { match: string[]; invalid: string[] } {
  const parts = text
    .split(/\s+/)
    .map((part) => part.trim())
    .filter(Boolean);
  return { match: parts.filter((part) => MATCH.test(part)), invalid: parts.filter((part) => !MATCH.test(part)) };
}

/** A short human description of the filter (for chips and confirmations). */
export function describeFilter(filter: EventFilterState): string {
  const parts: string[] = [];
  if (filter.source) parts.push(`source ${filter.source}${filter.subject ? `/${filter.subject}` : ""}`);
  else if (filter.subject) parts.push(`event ${filter.subject}`);
  if (filter.type) parts.push(`type ${filter.type}`);
  if (filter.sensor) parts.push(`sensor ${filter.sensor}${filter.trigger ? `/${filter.trigger}` : ""}`);
  if (filter.outcome) parts.push(`outcome ${filter.outcome}`);
  for (const match of filter.match) parts.push(match);
  if (filter.from) parts.push(`from ${filter.from}`);
  if (filter.to) parts.push(`to ${filter.to}`);
  return parts.length > 0 ? parts.join(", ") : `every event in ${filter.namespace}`;
}

function isUtc(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/.test(value) && !Number.isNaN(Date.parse(value));
}

/** `datetime-local` input value (local time) → RFC 3339 UTC with seconds, or empty. */
export function localInputToUtc(value: string): string {
  if (!value) return "";
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? "" : `${date.toISOString().slice(0, 19)}Z`;
}

/** RFC 3339 UTC → `datetime-local` input value in local time, or empty. */
export function utcToLocalInput(value: string): string {
  if (!value) return "";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

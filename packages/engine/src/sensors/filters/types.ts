/**
 * Shared shapes of the sensor filter pipeline (§5.4): what a compiled filter kind sees of an event and what it
 * answers. Every answer carries `{ match, reason }` (house rule 10) plus, for the explain record, one
 * {@link FilterVerdict} per filter entry.
 */
import type { EventContext } from "../../mapping/events.ts";
import { gjsonValid } from "../../mapping/gjson/index.ts";
import type { FilterVerdict } from "../explain.ts";

/** `filtersLogicalOperator`, `dataLogicalOperator`, `exprLogicalOperator`: `""` and absent mean `and`. */
export type LogicalOperator = "and" | "or";

/** The five filter kinds, in the order Argo evaluates them. */
export type FilterKind = "exprs" | "data" | "context" | "time" | "script";

/** `""`/absent → `and`. Argo accepts only lowercase `and`/`or` (validation rejects anything else). */
export function logicalOperator(value: string | undefined): LogicalOperator {
  return value === "or" ? "or" : "and";
}

/**
 * The event as the filters see it: its context and its data, read once. `text` is `undefined` when the event has no
 * data (Argo's nil `event.Data`), in which case data, exprs and script filters pass.
 */
export class FilterEvent {
  readonly context: EventContext;
  readonly bytes: Uint8Array | undefined;
  readonly text: string | undefined;
  #valid: boolean | undefined;

  constructor(context: EventContext, data: Uint8Array | undefined) {
    this.context = context;
    // An empty payload is what a CloudEvent without data decodes to; Argo sees `nil` there.
    this.bytes = data !== undefined && data.length > 0 ? data : undefined;
    this.text = this.bytes === undefined ? undefined : utf8.decode(this.bytes);
  }

  /** gjson `Valid` of the payload, computed once per event (data and exprs filters both ask). */
  get validJson(): boolean {
    this.#valid ??= this.text !== undefined && gjsonValid(this.text);
    return this.#valid;
  }
}

const utf8 = new TextDecoder("utf-8");

/** How one filter kind judged an event. `error` is Argo's error text (`data filter error (…)`). */
export interface KindResult {
  kind: FilterKind;
  match: boolean;
  error?: string;
  reason: string;
  verdicts: FilterVerdict[];
}

/** Per-evaluation inputs that are not part of the event. */
export interface EvaluateOptions {
  /** Clock for templates (`now`, `ago`, …), in epoch milliseconds. */
  now: number;
}

/** A compiled filter kind: evaluation is pure and never throws. */
export interface CompiledKind {
  readonly kind: FilterKind;
  evaluate(event: FilterEvent, options: EvaluateOptions): KindResult;
}

/** The outcome of one entry of `data` or `exprs`, before entries are combined. */
export type EntryOutcome =
  | { status: "pass"; reason: string; value?: string }
  | { status: "fail"; reason: string; value?: string }
  /** An `exprs` entry without fields: Argo ignores it (passes under and, cannot pass under or). */
  | { status: "skip"; reason: string }
  | { status: "error"; message: string; value?: string };

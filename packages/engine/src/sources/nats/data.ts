/**
 * Argo's NATS event data (`NATSEventData`, §4.2) from a received message, byte for byte:
 * `{"subject":…,"body":…,"header":{…},"metadata":{…}}` in that order, `header` and `metadata` omitted when empty.
 *
 * - `body`: with `jsonBody` the message itself, compacted as Go's `json.RawMessage` (an empty or invalid message
 *   cannot be marshalled: Argo drops it with a log line, and so does Signalbox); otherwise the bytes as Go marshals
 *   a `[]byte`, a base64 string (`""` for an empty message).
 * - `header`: nats.go's `Header` (`map[string][]string`) as its `DecodeHeadersMsg` reads the raw header block: keys
 *   keep their case, values keep their order and lose leading blanks (not trailing ones), lines with an empty key
 *   are skipped, a line without a colon drops every header, and an inline status (`NATS/1.0 503 …`) adds `Status`
 *   and `Description`. nats.js reads headers slightly differently (it trims both ends), so the raw block is decoded
 *   here rather than through `msg.headers`.
 *
 * Pure; vectors from Go in `vectors/`.
 */
import { OrderedObject, RawJson, goMarshal, isValidJson } from "../../util/goJson.ts";
import { compareBytes, goQuoteBytes } from "./goBytes.ts";

/** What a received NATS message contributes. */
export interface NatsMessageInput {
  subject: string;
  data: Uint8Array;
  /** The raw header block (`NATS/1.0\r\n…\r\n\r\n`); absent when the message has no headers. */
  headerBlock?: Uint8Array;
}

/** Event data bytes, or why Argo would drop the message. */
export type NatsDataResult = { ok: true; data: Uint8Array } | { ok: false; reason: string };

const HEADER_PREFIX = "NATS/1.0";

/** Build the event data of one message. */
export function natsEventData(
  message: NatsMessageInput,
  options: { jsonBody?: boolean; metadata?: Readonly<Record<string, string>> },
): NatsDataResult {
  let body: RawJson;
  if (options.jsonBody) {
    const text = new TextDecoder().decode(message.data);
    if (!isValidJson(text)) {
      return {
        ok: false,
        reason:
          message.data.length === 0
            ? "the message is empty, not JSON (jsonBody is set)"
            : "the message is not valid JSON (jsonBody is set)",
      };
    }
    body = new RawJson(text);
  } else {
    body = new RawJson(`"${Buffer.from(message.data).toString("base64")}"`);
  }
  const header = message.headerBlock ? decodeHeaderBlock(message.headerBlock) : undefined;
  const hasMetadata = options.metadata !== undefined && Object.keys(options.metadata).length > 0;
  const json = goMarshal(
    new OrderedObject([
      ["subject", message.subject],
      ["body", body],
      ["header", header && header.size > 0 ? new RawJson(marshalHeader(header)) : undefined],
      ["metadata", hasMetadata ? options.metadata : undefined],
    ]),
  );
  return { ok: true, data: new TextEncoder().encode(json) };
}

/**
 * nats.go's `DecodeHeadersMsg`: the header map of a raw block (keys and values as byte strings, latin1-coded so each
 * character is one byte), or `undefined` when nats.go would reject the block (and deliver the message without
 * headers).
 */
export function decodeHeaderBlock(block: Uint8Array): Map<string, string[]> | undefined {
  const lines = splitLines(Buffer.from(block).toString("latin1"));
  const first = lines.shift();
  if (first === undefined || !first.startsWith(HEADER_PREFIX)) return undefined;
  const headers = new Map<string, string[]>();
  for (const line of lines) {
    if (line === "") break;
    const colon = line.indexOf(":");
    if (colon < 0) return undefined;
    const key = line.slice(0, colon);
    if (key === "") continue;
    let start = colon + 1;
    while (start < line.length && (line[start] === " " || line[start] === "\t")) start++;
    const values = headers.get(key) ?? [];
    values.push(line.slice(start));
    headers.set(key, values);
  }
  if (first.length > HEADER_PREFIX.length) {
    let status = goTrimSpace(first.slice(HEADER_PREFIX.length));
    let description = "";
    if (status.length > 3) {
      description = goTrimSpace(status.slice(3));
      status = status.slice(0, 3);
    }
    headers.set("Status", [...(headers.get("Status") ?? []), status]);
    if (description !== "") headers.set("Description", [...(headers.get("Description") ?? []), description]);
  }
  return headers;
}

/** textproto's lines: split at `\n`, dropping a `\r` before it. */
function splitLines(text: string): string[] {
  const lines = text.split("\n").map((line) => (line.endsWith("\r") ? line.slice(0, -1) : line));
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

/** Go's `strings.TrimSpace` on the ASCII blanks a status line can hold. */
function goTrimSpace(text: string): string {
  return text.replace(/^[\t\n\v\f\r ]+|[\t\n\v\f\r ]+$/g, "");
}

/** `map[string][]string` as Go marshals it: keys in byte order, strings as Go converts bytes. */
function marshalHeader(headers: Map<string, string[]>): string {
  const entries = [...headers].map(([key, values]) => ({ key: Buffer.from(key, "latin1"), values }));
  entries.sort((a, b) => compareBytes(a.key, b.key));
  const parts = entries.map(
    ({ key, values }) =>
      `${goQuoteBytes(key)}:[${values.map((value) => goQuoteBytes(Buffer.from(value, "latin1"))).join(",")}]`,
  );
  return `{${parts.join(",")}}`;
}

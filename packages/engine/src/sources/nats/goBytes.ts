/**
 * Go's JSON encoding of `string(bytes)`, for message fields Argo converts from bytes (NATS header lines, Kafka keys
 * and headers). Go's encoder writes each byte that does not start a valid UTF-8 sequence as `\ufffd` (one per byte:
 * a truncated 3-byte sequence gives two), where a `TextDecoder` would give one replacement character per maximal
 * subpart. Pure.
 */
import { goQuote } from "../../util/goJson.ts";

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder("utf-8", { ignoreBOM: true });

/** The JSON string literal Go's `json.Marshal` writes for `string(bytes)` (HTML-safe). */
export function goQuoteBytes(bytes: Uint8Array): string {
  try {
    return goQuote(strict.decode(bytes));
  } catch {
    // Not valid UTF-8: encode the valid runs, and `\ufffd` for each byte that starts no valid sequence.
  }
  let out = '"';
  let runStart = 0;
  let i = 0;
  while (i < bytes.length) {
    const size = utf8SequenceLength(bytes, i);
    if (size > 0) {
      i += size;
      continue;
    }
    if (i > runStart) out += goQuote(lenient.decode(bytes.subarray(runStart, i))).slice(1, -1);
    out += "\\ufffd";
    i += 1;
    runStart = i;
  }
  if (i > runStart) out += goQuote(lenient.decode(bytes.subarray(runStart, i))).slice(1, -1);
  return `${out}"`;
}

/** Length of the valid UTF-8 sequence at `i` (Go's `utf8.DecodeRune` rules), or 0 when there is none. */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i] ?? 0;
  if (b0 < 0x80) return 1;
  const continuation = (index: number, low = 0x80, high = 0xbf): boolean => {
    const b = bytes[index];
    return b !== undefined && b >= low && b <= high;
  };
  if (b0 >= 0xc2 && b0 <= 0xdf) return continuation(i + 1) ? 2 : 0;
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const low = b0 === 0xe0 ? 0xa0 : 0x80;
    const high = b0 === 0xed ? 0x9f : 0xbf;
    return continuation(i + 1, low, high) && continuation(i + 2) ? 3 : 0;
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const low = b0 === 0xf0 ? 0x90 : 0x80;
    const high = b0 === 0xf4 ? 0x8f : 0xbf;
    return continuation(i + 1, low, high) && continuation(i + 2) && continuation(i + 3) ? 4 : 0;
  }
  return 0;
}

/** Compare byte strings as Go compares strings (sorting map keys). */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  return Buffer.compare(a, b);
}

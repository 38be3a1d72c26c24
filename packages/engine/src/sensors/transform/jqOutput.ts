/**
 * Reads jq's `-c` output without losing integers: jq 1.7 prints an integer literal (from the program or from
 * `tonumber`) with all its digits, as gojq does with its big integers, so such a number is kept as a `bigint`.
 * Everything else follows `JSON.parse`. The input is jq's own output, hence well-formed JSON.
 */
import type { GoJsonResult, GoJsonValue } from "./goJson.ts";

/** Parses the first JSON value in `text`. */
export function parseJqOutput(text: string): GoJsonResult<GoJsonValue> {
  const reader = { text, pos: 0 };
  try {
    return { ok: true, value: readValue(reader) };
  } catch (cause) {
    return { ok: false, error: `cannot read jq output: ${cause instanceof Error ? cause.message : String(cause)}` };
  }
}

interface Reader {
  text: string;
  pos: number;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/y;
const STRING = /"(?:[^"\\]|\\.)*"/y;

function skipSpace(reader: Reader): void {
  while (reader.pos < reader.text.length && " \t\r\n".includes(reader.text[reader.pos] as string)) reader.pos++;
}

function readValue(reader: Reader): GoJsonValue {
  skipSpace(reader);
  const ch = reader.text[reader.pos];
  switch (ch) {
    case "{": {
      reader.pos++;
      const object: Record<string, GoJsonValue> = {};
      skipSpace(reader);
      if (reader.text[reader.pos] === "}") {
        reader.pos++;
        return object;
      }
      for (;;) {
        skipSpace(reader);
        const key = readString(reader);
        skipSpace(reader);
        expect(reader, ":");
        object[key] = readValue(reader);
        skipSpace(reader);
        if (reader.text[reader.pos] === ",") {
          reader.pos++;
          continue;
        }
        expect(reader, "}");
        return object;
      }
    }
    case "[": {
      reader.pos++;
      const array: GoJsonValue[] = [];
      skipSpace(reader);
      if (reader.text[reader.pos] === "]") {
        reader.pos++;
        return array;
      }
      for (;;) {
        array.push(readValue(reader));
        skipSpace(reader);
        if (reader.text[reader.pos] === ",") {
          reader.pos++;
          continue;
        }
        expect(reader, "]");
        return array;
      }
    }
    case '"':
      return readString(reader);
    default:
      return readScalar(reader);
  }
}

function readScalar(reader: Reader): GoJsonValue {
  for (const [word, value] of [["true", true], ["false", false], ["null", null]] as const) {
    if (reader.text.startsWith(word, reader.pos)) {
      reader.pos += word.length;
      return value;
    }
  }
  NUMBER.lastIndex = reader.pos;
  const match = NUMBER.exec(reader.text);
  if (match === null) throw new Error(`unexpected character at ${reader.pos}`);
  reader.pos += match[0].length;
  const number = Number(match[0]);
  if (/^-?\d+$/.test(match[0]) && !Number.isSafeInteger(number)) return BigInt(match[0]);
  return number;
}

function readString(reader: Reader): string {
  STRING.lastIndex = reader.pos;
  const match = STRING.exec(reader.text);
  if (match === null) throw new Error(`expected a string at ${reader.pos}`);
  reader.pos += match[0].length;
  const value: unknown = JSON.parse(match[0]);
  if (typeof value !== "string") throw new Error("expected a string");
  return value;
}

function expect(reader: Reader, ch: string): void {
  if (reader.text[reader.pos] !== ch) throw new Error(`expected "${ch}" at ${reader.pos}`);
  reader.pos++;
}

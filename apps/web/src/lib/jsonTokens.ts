/**
 * Pretty-printed JSON split into tokens for light syntax colouring. Joining the tokens' text gives exactly
 * `JSON.stringify(value, null, 2)`, so what is copied or searched is plain JSON. Pure.
 */
export type JsonTokenKind = "key" | "string" | "number" | "literal" | "punct";
export interface JsonToken {
  kind: JsonTokenKind;
  text: string;
}

const TOKEN = /("(?:\\.|[^"\\])*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(true|false|null)|([^"\d\-tfn]+|.)/g;

export function prettyJson(value: unknown): string {
  if (value === undefined) return "undefined";
  return JSON.stringify(value, null, 2) ?? "undefined";
}

export function jsonTokens(value: unknown): JsonToken[] {
  const text = prettyJson(value);
  const tokens: JsonToken[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const [whole, string, colon, number, literal] = match;
    if (string !== undefined) {
      tokens.push({ kind: colon ? "key" : "string", text: string });
      if (colon) tokens.push({ kind: "punct", text: colon });
    } else if (number !== undefined) tokens.push({ kind: "number", text: number });
    else if (literal !== undefined) tokens.push({ kind: "literal", text: literal });
    else tokens.push({ kind: "punct", text: whole });
  }
  return tokens;
}

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { natsEventData } from "./data.ts";
import { goQuoteBytes } from "./goBytes.ts";

const vectors = z
  .array(
    z.object({
      name: z.string(),
      subject: z.string(),
      data: z.string(),
      headerBlock: z.string().optional(),
      jsonBody: z.boolean(),
      metadata: z.record(z.string(), z.string()).optional(),
      expected: z.string().optional(),
      error: z.string().optional(),
    }),
  )
  .parse(JSON.parse(readFileSync(new URL("./vectors/natsEventData.json", import.meta.url), "utf8")));

describe("NATS event data", () => {
  it.each(vectors.map((vector) => [vector.name, vector] as const))("matches Argo's bytes: %s", (_name, vector) => {
    const result = natsEventData(
      {
        subject: vector.subject,
        data: new Uint8Array(Buffer.from(vector.data, "base64")),
        ...(vector.headerBlock !== undefined
          ? { headerBlock: new Uint8Array(Buffer.from(vector.headerBlock, "utf8")) }
          : {}),
      },
      { jsonBody: vector.jsonBody, ...(vector.metadata ? { metadata: vector.metadata } : {}) },
    );
    if (vector.expected === undefined) {
      expect(result.ok).toBe(false);
    } else {
      expect(result.ok).toBe(true);
      if (result.ok) expect(new TextDecoder().decode(result.data)).toBe(vector.expected);
    }
  });
});

describe("Go's encoding of byte strings", () => {
  it("writes one \\ufffd per byte that starts no valid UTF-8 sequence", () => {
    expect(goQuoteBytes(new Uint8Array([0x61, 0xff, 0x62, 0xe2, 0x82]))).toBe('"a\\ufffdb\\ufffd\\ufffd"');
    expect(goQuoteBytes(new Uint8Array([0xed, 0xa0, 0x80]))).toBe('"\\ufffd\\ufffd\\ufffd"');
    expect(goQuoteBytes(new Uint8Array([0xf0, 0x9f, 0x98, 0x80, 0x3c]))).toBe('"😀\\u003c"');
    expect(goQuoteBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toBe('"\ufeffA"');
  });
});

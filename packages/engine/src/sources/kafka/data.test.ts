import { readFileSync } from "node:fs";
import type { IHeaders } from "kafkajs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { kafkaEventData, kafkaEventId, kafkajsHeaderPairs } from "./data.ts";

const vectors = z
  .array(
    z.object({
      name: z.string(),
      eventSourceName: z.string(),
      eventName: z.string(),
      url: z.string(),
      topic: z.string(),
      partition: z.number(),
      offset: z.number(),
      key: z.string().nullable(),
      value: z.string().nullable(),
      timestampMs: z.number(),
      headers: z.array(z.object({ key: z.string(), value: z.string().nullable() })),
      jsonBody: z.boolean(),
      metadata: z.record(z.string(), z.string()).optional(),
      expected: z.string().optional(),
      error: z.string().optional(),
      id: z.string(),
    }),
  )
  .parse(JSON.parse(readFileSync(new URL("./vectors/kafkaEventData.json", import.meta.url), "utf8")));

const bytes = (base64: string | null) => (base64 === null ? null : new Uint8Array(Buffer.from(base64, "base64")));

/** The headers as kafkajs decodes them: a Buffer per key, an array of them for a repeated key. */
function asKafkajs(headers: { key: string; value: string | null }[]): IHeaders {
  const out: IHeaders = {};
  for (const { key, value } of headers) {
    const buffer = value === null ? null : Buffer.from(value, "base64");
    const existing = out[key];
    // kafkajs' decoder keeps null header values as null.
    const item = buffer as Buffer;
    out[key] = existing === undefined ? item : Array.isArray(existing) ? [...existing, item] : [existing, item];
  }
  return out;
}

describe("Kafka event data", () => {
  it.each(vectors.map((vector) => [vector.name, vector] as const))(
    "matches Argo's bytes and id: %s",
    (_name, vector) => {
      const result = kafkaEventData(
        {
          topic: vector.topic,
          partition: vector.partition,
          offset: String(vector.offset),
          key: bytes(vector.key),
          value: bytes(vector.value),
          timestampMs: vector.timestampMs,
          headers: kafkajsHeaderPairs(asKafkajs(vector.headers)),
        },
        { jsonBody: vector.jsonBody, ...(vector.metadata ? { metadata: vector.metadata } : {}) },
      );
      if (vector.expected === undefined) {
        expect(result.ok).toBe(false);
      } else {
        expect(result.ok).toBe(true);
        if (result.ok) expect(new TextDecoder().decode(result.data)).toBe(vector.expected);
      }
      const id = kafkaEventId({
        eventSourceName: vector.eventSourceName,
        eventName: vector.eventName,
        url: vector.url,
        topic: vector.topic,
        partition: vector.partition,
        offset: String(vector.offset),
      });
      expect(id).toBe(vector.id);
    },
  );
});

import { describe, expect, it } from "vitest";
import {
  fromHeaders,
  idFromBody,
  keyMatcher,
  MESSAGE_ID_HEADER,
  murmur2Partition,
  saramaHashPartition,
  toRecord,
  toSequence,
} from "./codec.ts";

describe("Kafka record codec", () => {
  it("partitions keys as sarama's FNV-1a hash partitioner does", () => {
    // Reference values computed independently (FNV-1a 32 → int32 → Go's remainder → made non-negative).
    expect(saramaHashPartition("a", 3)).toBe(0);
    expect(saramaHashPartition("a", 10)).toBe(6);
    expect(saramaHashPartition("webhook.example", 3)).toBe(1);
    expect(saramaHashPartition("webhook.example", 10)).toBe(8);
    expect(saramaHashPartition("github.push", 10)).toBe(0);
    expect(saramaHashPartition("calendar.example-with-interval", 10)).toBe(4);
    expect(saramaHashPartition("anything", 1)).toBe(0);
  });

  it("partitions with murmur2 deterministically within range", () => {
    for (const key of ["a", "webhook.example", "github.push"]) {
      const partition = murmur2Partition("t", key, 7);
      expect(partition).toBeGreaterThanOrEqual(0);
      expect(partition).toBeLessThan(7);
      expect(murmur2Partition("t", key, 7)).toBe(partition);
    }
  });

  it("writes key source.event, the body untouched and the id beside the headers", () => {
    const body = new TextEncoder().encode('{"id":"x"}');
    const record = toRecord(
      { id: "x", eventSourceName: "webhook", eventName: "example", body, headers: { traceparent: "t" } },
      2,
    );
    expect(record.key).toBe("webhook.example");
    expect(record.partition).toBe(2);
    expect(Buffer.compare(record.value as Buffer, Buffer.from(body))).toBe(0);
    expect(record.headers).toEqual({ traceparent: "t", [MESSAGE_ID_HEADER]: "x" });
  });

  it("reads headers as strings without the id header, and the id from the body when the header is missing", () => {
    expect(
      fromHeaders({
        a: Buffer.from("1"),
        b: [Buffer.from("2"), Buffer.from("3")],
        [MESSAGE_ID_HEADER]: Buffer.from("id"),
      }),
    ).toEqual({
      headers: { a: "1", b: "2" },
      id: "id",
    });
    expect(idFromBody(new TextEncoder().encode('{"specversion":"1.0","id":"abc"}'))).toBe("abc");
    expect(idFromBody(new TextEncoder().encode("not json"))).toBeUndefined();
  });

  it("matches keys exactly, by source, by event, or everything", () => {
    const exact = keyMatcher([{ eventSourceName: "a.b", eventName: "c" }]);
    expect(exact("a.b.c")).toEqual({ eventSourceName: "a.b", eventName: "c" });
    expect(exact("a.x")).toBeUndefined();
    const bySource = keyMatcher([{ eventSourceName: "webhook", eventName: "*" }]);
    expect(bySource("webhook.example")).toEqual({ eventSourceName: "webhook", eventName: "example" });
    expect(bySource("github.push")).toBeUndefined();
    const byEvent = keyMatcher([{ eventSourceName: "*", eventName: "push" }]);
    expect(byEvent("github.push")?.eventSourceName).toBe("github");
    const all = keyMatcher([{ eventSourceName: "*", eventName: "*" }]);
    expect(all("x.y")).toEqual({ eventSourceName: "x", eventName: "y" });
    expect(all("nodot")).toBeUndefined();
  });

  it("numbers records uniquely per topic and in offset order within a partition", () => {
    expect(toSequence(0, 41)).toBe(41);
    expect(toSequence(1, 0)).toBeGreaterThan(toSequence(0, 1_000_000));
    expect(toSequence(2, 5)).toBeLessThan(toSequence(2, 6));
  });
});

import { describe, expect, it } from "vitest";
import {
  eventPartitioner,
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

  it("spreads one key over every partition with roundrobin and random, and keeps it on one with hash", () => {
    const spread = (kind: "hash" | "roundrobin" | "random") => {
      const choose = eventPartitioner({ kind, topic: "t", partitions: 3 });
      const counts = [0, 0, 0];
      for (let i = 0; i < 300; i++) counts[choose("webhook.example")]! += 1;
      return counts;
    };
    expect(spread("hash")).toEqual([0, 300, 0]);
    expect(spread("roundrobin")).toEqual([100, 100, 100]);
    const random = spread("random");
    expect(random.reduce((sum, count) => sum + count, 0)).toBe(300);
    expect(Math.min(...random)).toBeGreaterThan(50);
    const edge = eventPartitioner({ kind: "random", topic: "t", partitions: 3, random: () => 0.999999999 });
    expect(edge("k")).toBe(2);
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
    expect(toSequence(0, 41, 1)).toBe(41);
    expect(toSequence(2, 5, 3)).toBeLessThan(toSequence(2, 6, 3));
    const numbers = new Set<number>();
    for (let partition = 0; partition < 3; partition++) {
      for (let offset = 0; offset < 100; offset++) numbers.add(toSequence(partition, offset, 3));
    }
    expect(numbers.size).toBe(300);
    // Small enough for a 32-bit integer column on every partition, not only partition 0.
    expect(toSequence(2, 1_000_000, 3)).toBeLessThan(2 ** 31);
  });
});

import { describe, expect, it } from "vitest";
import { ValidationError } from "../../errors.ts";
import { argoSubjectPrefix } from "./jetstream.ts";
import {
  formatKafkaCursor,
  mergeNewestFirst,
  parseKafkaCursor,
  parseKafkaPosition,
  type Positioned,
} from "./kafkaCursor.ts";

const record = (partition: number, offset: number, timestamp: number): Positioned => ({
  partition,
  offsetValue: BigInt(offset),
  timestamp,
});

describe("Kafka cursors", () => {
  it("round-trips and refuses anything else", () => {
    const bounds = parseKafkaCursor("1:7,0:15");
    expect([...bounds]).toEqual([
      [1, 7n],
      [0, 15n],
    ]);
    expect(formatKafkaCursor(bounds)).toBe("0:15,1:7");
    for (const bad of ["", "0", "0:-1", "a:1", "0:1,", "0:1;1:2"])
      expect(() => parseKafkaCursor(bad)).toThrow(ValidationError);
    expect(parseKafkaPosition("2:40")).toEqual({ partition: 2, offset: 40n });
    expect(() => parseKafkaPosition("2")).toThrow(ValidationError);
  });
});

describe("mergeNewestFirst", () => {
  const lows = new Map([
    [0, 0n],
    [1, 0n],
  ]);

  it("takes the newest across partitions, each partition's newest first, and bounds the next page by what it took", () => {
    const candidates = new Map([
      [0, [record(0, 4, 400), record(0, 3, 300), record(0, 2, 100)]],
      [1, [record(1, 9, 350), record(1, 8, 250)]],
    ]);
    const bounds = new Map([
      [0, 5n],
      [1, 10n],
    ]);
    const page = mergeNewestFirst({ candidates, bounds, lows, exhausted: new Set(), limit: 3 });
    expect(page.items.map((item) => `${item.partition}:${item.offsetValue}`)).toEqual(["0:4", "1:9", "0:3"]);
    expect(formatKafkaCursor(page.next)).toBe("0:3,1:9");
    expect(page.more).toBe(true);
  });

  it("keeps each partition in offset order even when timestamps go backwards", () => {
    const candidates = new Map([[0, [record(0, 4, 100), record(0, 3, 900)]]]);
    const page = mergeNewestFirst({ candidates, bounds: new Map([[0, 5n]]), lows, exhausted: new Set([0]), limit: 1 });
    expect(page.items.map((item) => Number(item.offsetValue))).toEqual([4]);
    expect(formatKafkaCursor(page.next)).toBe("0:4");
  });

  it("ends when every partition was read to its low watermark and all of it was taken", () => {
    const candidates = new Map([
      [0, [record(0, 1, 20), record(0, 0, 10)]],
      [1, [] as Positioned[]],
    ]);
    const bounds = new Map([
      [0, 2n],
      [1, 0n],
    ]);
    const page = mergeNewestFirst({ candidates, bounds, lows, exhausted: new Set([0, 1]), limit: 10 });
    expect(page.items).toHaveLength(2);
    expect(page.more).toBe(false);
  });
});

describe("argoSubjectPrefix", () => {
  it("is the first token of a lone <prefix>.*.* subject", () => {
    expect(argoSubjectPrefix(["default.*.*"])).toBe("default");
    expect(argoSubjectPrefix(["default.>"])).toBeUndefined();
    expect(argoSubjectPrefix(["a.*.*", "b.*.*"])).toBeUndefined();
    expect(argoSubjectPrefix([])).toBeUndefined();
  });
});

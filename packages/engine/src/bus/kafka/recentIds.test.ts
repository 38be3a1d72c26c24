import { describe, expect, it } from "vitest";
import { RecentIds } from "./recentIds.ts";

describe("RecentIds", () => {
  it("remembers an id for the window and forgets it after", () => {
    const ids = new RecentIds<number>(1000, 10);
    ids.set("a", 1, 0);
    expect(ids.get("a", 999)).toBe(1);
    expect(ids.get("a", 1000)).toBeUndefined();
  });

  it("changes a value without restarting its window", () => {
    const ids = new RecentIds<number>(1000, 10);
    ids.set("a", 1, 0);
    ids.update("a", 2);
    expect(ids.get("a", 500)).toBe(2);
    expect(ids.get("a", 1000)).toBeUndefined();
  });

  it("holds at most maxIds, dropping the oldest first", () => {
    const ids = new RecentIds<true>(60_000, 3);
    for (const [i, id] of ["a", "b", "c", "d"].entries()) ids.set(id, true, i);
    expect(ids.size).toBe(3);
    expect(ids.get("a", 10)).toBeUndefined();
    expect(ids.get("d", 10)).toBe(true);
  });
});

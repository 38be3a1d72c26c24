import { describe, expect, it } from "vitest";
import { ActivityStore } from "./activity.ts";

describe("ActivityStore", () => {
  it("batches updates to one flush and notifies only the nodes that changed", () => {
    const frames: (() => void)[] = [];
    const store = new ActivityStore((flush) => frames.push(flush));
    const notified: string[] = [];
    store.subscribe("source-a/e", () => notified.push("source"));
    store.subscribe("trigger-s/t", () => notified.push("trigger"));
    store.add("source-a/e", { received: 1 });
    store.add("source-a/e", { received: 1 });
    expect(frames).toHaveLength(1);
    expect(store.get("source-a/e").received).toBe(0);
    frames[0]?.();
    expect(store.get("source-a/e")).toMatchObject({ received: 2, pulses: 1 });
    expect(notified).toEqual(["source"]);
    store.add("trigger-s/t", { failed: 1 });
    frames[1]?.();
    expect(store.get("trigger-s/t")).toMatchObject({ failed: 1, fired: 0, pulses: 1 });
    expect(notified).toEqual(["source", "trigger"]);
  });
});

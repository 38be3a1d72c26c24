import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { silentLogger, systemClock } from "../host.ts";
import { createEmbeddedBus, openEmbeddedLog } from "./embedded.ts";

describe("embedded bus lag", () => {
  it("counts the messages of a durable's subjects above its ack floor, and nothing for an unknown durable", async () => {
    const log = openEmbeddedLog({ file: join(mkdtempSync(join(tmpdir(), "sb-lag-")), "bus.db"), clock: systemClock, logger: silentLogger });
    const bus = createEmbeddedBus({ log, stream: "default/default", clock: systemClock });
    const publish = (eventName: string, id: string) =>
      bus.publish({ id, eventSourceName: "s", eventName, body: new TextEncoder().encode("{}"), headers: {} });
    const subscription = await bus.subscribe({ durable: "d", filters: [{ eventSourceName: "s", eventName: "a" }], deliver: "all" });
    expect(await bus.lag?.("unknown")).toBeUndefined();
    for (let i = 0; i < 5; i++) await publish("a", `a${i}`);
    for (let i = 0; i < 3; i++) await publish("b", `b${i}`);
    expect(await bus.lag?.("d")).toBe(5);
    const iterator = subscription[Symbol.asyncIterator]();
    for (let i = 0; i < 2; i++) {
      const next = await iterator.next();
      await next.value?.ack();
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await bus.lag?.("d")).toBe(3);
    await subscription.close();
    await bus.close();
    log.close();
  });
});

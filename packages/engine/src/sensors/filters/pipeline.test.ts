/**
 * The dependency pipeline inside a running sensor: what the explain record says about a filtered event.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createEmbeddedBus, openEmbeddedLog, type EmbeddedLog } from "../../bus/embedded.ts";
import type { EventBus } from "../../bus/types.ts";
import { publishEmission } from "../../engine/emit.ts";
import { silentLogger, systemClock } from "../../host.ts";
import { parseManifests } from "../../resources/parse.ts";
import { memoryHooks } from "../../testing/memoryHooks.ts";
import { startSensor } from "../runtime.ts";
import type { RunningSensor } from "../types.ts";

let log: EmbeddedLog | undefined;
let bus: EventBus | undefined;
let sensor: RunningSensor | undefined;

afterEach(async () => {
  await sensor?.stop();
  await bus?.close();
  log?.close();
});

const manifest = `apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: big-orders}
spec:
  dependencies:
    - name: order
      eventSourceName: shop
      eventName: order
      filters:
        data:
          - {path: body.currency, type: string, value: ["^EUR$"]}
          - {path: body.amount, type: number, comparator: ">", value: ["100"]}
          - {path: body.paid, type: bool, value: ["true"]}
  triggers:
    - template:
        name: notify
        http: {url: "http://127.0.0.1:9/never"}
`;

describe("the explain record of a filtered event", () => {
  it("holds one verdict per data filter when the event fails the second of three", async () => {
    log = openEmbeddedLog({
      file: join(mkdtempSync(join(tmpdir(), "sb-filters-")), "bus.db"),
      clock: systemClock,
      logger: silentLogger,
    });
    bus = createEmbeddedBus({ log, stream: "default/default", clock: systemClock });
    const resource = parseManifests(manifest).resources[0]?.resource;
    if (resource?.kind !== "Sensor") throw new Error("not a sensor");
    const hooks = memoryHooks();
    sensor = await startSensor({
      namespace: "default",
      sensor: resource,
      bus,
      clock: systemClock,
      logger: silentLogger,
      secrets: { resolve: () => Promise.resolve(undefined) },
      hooks,
    });
    const body = { currency: "EUR", amount: 12.5, paid: true };
    await publishEmission(
      { bus, eventSourceName: "shop", clock: systemClock },
      { eventName: "order", type: "webhook", data: new TextEncoder().encode(JSON.stringify({ header: {}, body })) },
    );
    await hooks.until(() => hooks.explains.length === 1);
    const record = hooks.explains[0];
    expect(record).toMatchObject({ outcome: "filtered", dependency: "order", filtersOperator: "and" });
    expect(record?.error).toBeUndefined();
    expect(record?.filters).toEqual([
      {
        kind: "data",
        path: "spec.dependencies[0].filters.data[0]",
        value: "EUR",
        pass: true,
        reason: 'body.currency = "EUR" matches /^EUR$/',
      },
      {
        kind: "data",
        path: "spec.dependencies[0].filters.data[1]",
        value: "12.5",
        pass: false,
        reason: "body.amount = 12.5, not > 100",
      },
      {
        kind: "data",
        path: "spec.dependencies[0].filters.data[2]",
        value: "true",
        pass: true,
        reason: "body.paid is true",
      },
    ]);
  });
});

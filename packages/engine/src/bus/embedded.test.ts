import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll } from "vitest";
import { silentLogger, systemClock } from "../host.ts";
import { createEmbeddedBus, openEmbeddedLog, type EmbeddedLog } from "./embedded.ts";
import { describeEventBus } from "./testing/conformance.ts";

const dir = mkdtempSync(join(tmpdir(), "sb-embedded-"));
const file = join(dir, "bus.db");
let log: EmbeddedLog = openEmbeddedLog({ file, clock: systemClock, logger: silentLogger });
const extraLogs: EmbeddedLog[] = [];
afterAll(() => {
  log.close();
  for (const other of extraLogs) other.close();
});

describeEventBus("embedded", {
  create: async (options) => {
    if (log.closed) log = openEmbeddedLog({ file, clock: systemClock, logger: silentLogger });
    const stream = options?.reuse ?? `ns-${randomBytes(4).toString("hex")}/default`;
    return { bus: createEmbeddedBus({ log, stream, clock: systemClock }), stream };
  },
  // A hard crash of an embedded bus is the process dying: drop the handle without flushing anything pending and
  // open the file again, as a restarted process would.
  crashAndRestart: async () => {
    log.db.close();
    log = openEmbeddedLog({ file, clock: systemClock, logger: silentLogger });
  },
  createOverloaded: async () => {
    const tiny = openEmbeddedLog({ file: join(dir, `tiny-${randomBytes(3).toString("hex")}.db`), clock: systemClock, logger: silentLogger, maxBytes: 4096 });
    extraLogs.push(tiny);
    return createEmbeddedBus({ log: tiny, stream: "t/default", clock: systemClock });
  },
});

// NATS with JetStream, from Debian's `nats-server` package, bound to 127.0.0.1.
import path from "node:path";
import { ensureBinary } from "./install.mjs";
import { run, serviceDir } from "./lib.mjs";
import { spawnDaemon } from "./proc.mjs";
import { httpGet, tcpExchange } from "./probes.mjs";

export default {
  name: "nats",
  envVar: "SIGNALBOX_TEST_NATS_URL",
  ports: ["port", "monitorPort"],
  marker: "nats-server",
  readyTimeoutMs: 30_000,

  async install() {
    const bin = await ensureBinary("nats-server", ["nats-server"], "nats");
    const { stdout } = await run(bin, ["--version"], { timeoutMs: 10_000 });
    return { bin, version: stdout.trim().replace(/^nats-server:\s*/, "") };
  },

  dataDir: () => path.join(serviceDir("nats"), "data"),

  start(s) {
    const args = [
      "-js",
      "-a",
      "127.0.0.1",
      "-p",
      String(s.port),
      "-m",
      String(s.monitorPort),
    ];
    args.push("-sd", s.dataDir, "-n", "signalbox");
    return spawnDaemon(s.bin, args, {
      logFile: s.logFile,
      cwd: serviceDir("nats"),
    });
  },

  async ready(s) {
    // JetStream enabled (monitoring endpoint) and the client port greets with INFO.
    const health = await httpGet(
      s.monitorPort,
      "/healthz?js-enabled-only=true",
    );
    if (health.status !== 200) return false;
    return tcpExchange(s.port, null, (buf) =>
      buf.length >= 5 ? buf.toString("latin1").startsWith("INFO ") : undefined,
    );
  },

  url: (s) => `nats://127.0.0.1:${s.port}`,
};

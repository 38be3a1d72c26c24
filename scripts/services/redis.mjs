// Redis from Debian (`redis-server`), loopback only, append-only file in the project's data dir.
import fs from "node:fs";
import path from "node:path";
import { ensureBinary } from "./install.mjs";
import { run, serviceDir } from "./lib.mjs";
import { spawnDaemon } from "./proc.mjs";
import { tcpExchange } from "./probes.mjs";

export default {
  name: "redis",
  envVar: "SIGNALBOX_TEST_REDIS_URL",
  ports: ["port"],
  marker: "redis-server",

  async install() {
    const bin = await ensureBinary("redis-server", ["redis-server"], "redis");
    const { stdout } = await run(bin, ["--version"], { timeoutMs: 10_000 });
    return { bin, version: /v=(\S+)/.exec(stdout)?.[1] ?? stdout.trim() };
  },

  dataDir: () => path.join(serviceDir("redis"), "data"),

  start(s) {
    fs.mkdirSync(s.dataDir, { recursive: true });
    const args = [
      "--port",
      String(s.port),
      "--bind",
      "127.0.0.1",
      "--protected-mode",
      "yes",
      "--daemonize",
      "no",
    ];
    args.push(
      "--dir",
      s.dataDir,
      "--appendonly",
      "yes",
      "--save",
      "",
      "--logfile",
      "",
    );
    return spawnDaemon(s.bin, args, { logFile: s.logFile, cwd: s.dataDir });
  },

  ready: (s) =>
    tcpExchange(s.port, "PING\r\n", (buf) =>
      buf.includes("\r\n") ? buf.toString().startsWith("+PONG") : undefined,
    ),

  url: (s) => `redis://127.0.0.1:${s.port}`,
};

// Eclipse Mosquitto (MQTT) from Debian, one listener on 127.0.0.1, anonymous access, persistence in the data dir.
import fs from "node:fs";
import path from "node:path";
import { ensureBinary } from "./install.mjs";
import { isRoot, run, serviceDir } from "./lib.mjs";
import { spawnDaemon } from "./proc.mjs";
import { tcpExchange } from "./probes.mjs";

/** MQTT 3.1.1 CONNECT, clean session, client id "signalbox-probe", keep-alive 10 s. */
function connectPacket() {
  const clientId = Buffer.from("signalbox-probe");
  const variable = Buffer.from([0, 4, 0x4d, 0x51, 0x54, 0x54, 4, 0x02, 0, 10]);
  const payload = Buffer.concat([Buffer.from([0, clientId.length]), clientId]);
  return Buffer.concat([
    Buffer.from([0x10, variable.length + payload.length]),
    variable,
    payload,
  ]);
}

export default {
  name: "mosquitto",
  envVar: "SIGNALBOX_TEST_MQTT_URL",
  ports: ["port"],
  marker: "mosquitto",

  async install() {
    const bin = await ensureBinary("mosquitto", ["mosquitto"], "mosquitto");
    const { stdout, stderr } = await run(bin, ["-h"], { timeoutMs: 10_000 });
    return {
      bin,
      version: /version (\S+)/.exec(stdout + stderr)?.[1] ?? "unknown",
    };
  },

  dataDir: () => path.join(serviceDir("mosquitto"), "data"),

  start(s) {
    fs.mkdirSync(s.dataDir, { recursive: true });
    const conf = path.join(serviceDir("mosquitto"), "mosquitto.conf");
    const lines = [
      `listener ${s.port} 127.0.0.1`,
      "allow_anonymous true",
      "persistence true",
      `persistence_location ${s.dataDir}/`,
      "log_dest stderr",
      "log_type error",
      "log_type warning",
      "log_type notice",
      "log_type information",
    ];
    if (isRoot) lines.push("user root"); // keep root: it owns the data dir (mosquitto would switch to user mosquitto)
    fs.writeFileSync(conf, `${lines.join("\n")}\n`);
    return spawnDaemon(s.bin, ["-c", conf], {
      logFile: s.logFile,
      cwd: s.dataDir,
    });
  },

  // CONNACK: 0x20, remaining length 2, flags, return code 0 (accepted).
  ready: (s) =>
    tcpExchange(s.port, connectPacket(), (buf) =>
      buf.length >= 4 ? buf[0] === 0x20 && buf[3] === 0 : undefined,
    ),

  url: (s) => `mqtt://127.0.0.1:${s.port}`,
};

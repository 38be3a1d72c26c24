// RabbitMQ (AMQP 0-9-1) from Debian's `rabbitmq-server`: its own node name, data, cookie, epmd and ports, all on
// 127.0.0.1. Run straight from /usr/lib/rabbitmq/bin (Debian's /usr/sbin wrapper would switch to the system user and
// the system data dir). No plugins (no management UI). Default user guest/guest (allowed from loopback only).
import fs from "node:fs";
import path from "node:path";
import { aptInstall } from "./install.mjs";
import { repoHash, run, serviceDir } from "./lib.mjs";
import { spawnDaemon } from "./proc.mjs";
import { tcpExchange } from "./probes.mjs";

const SCRIPT = "/usr/lib/rabbitmq/bin/rabbitmq-server";

function environment(s) {
  const dir = serviceDir("rabbitmq");
  const envFile = path.join(dir, "rabbitmq-env.conf");
  const plugins = path.join(dir, "enabled_plugins");
  fs.writeFileSync(
    envFile,
    "# intentionally empty: settings come from the environment (scripts/services/rabbitmq.mjs)\n",
  );
  fs.writeFileSync(plugins, "[].\n");
  return {
    ...process.env,
    HOME: s.dataDir, // the Erlang cookie lives here
    RABBITMQ_CONF_ENV_FILE: envFile, // ignore /etc/rabbitmq/rabbitmq-env.conf
    RABBITMQ_ENABLED_PLUGINS_FILE: plugins,
    RABBITMQ_CONFIG_FILE: path.join(dir, "rabbitmq.conf"),
    RABBITMQ_NODENAME: `signalbox-${repoHash}@localhost`,
    RABBITMQ_NODE_IP_ADDRESS: "127.0.0.1",
    RABBITMQ_NODE_PORT: String(s.port),
    RABBITMQ_DIST_PORT: String(s.distPort),
    RABBITMQ_MNESIA_BASE: path.join(s.dataDir, "mnesia"),
    RABBITMQ_LOG_BASE: path.join(dir, "logs"),
    RABBITMQ_LOGS: "-", // to stdout, i.e. our log file
    RABBITMQ_PID_FILE: path.join(dir, "rabbitmq.pid"),
    ERL_EPMD_ADDRESS: "127.0.0.1",
    ERL_EPMD_PORT: String(s.epmdPort),
    // exec erl directly (so the pid we hold is the Erlang VM itself, which `kill` must hit), without a shell.
    RABBITMQ_ALLOW_INPUT: "true",
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS:
      "-noinput -kernel inet_dist_use_interface {127,0,0,1}",
  };
}

export default {
  name: "rabbitmq",
  envVar: "SIGNALBOX_TEST_AMQP_URL",
  ports: ["port", "distPort", "epmdPort"],
  marker: "rabbit", // the launcher script, then (same pid, exec) the Erlang VM running rabbit
  stopTimeoutMs: 30_000,
  readyTimeoutMs: 90_000,

  async install() {
    if (!fs.existsSync(SCRIPT))
      await aptInstall(["rabbitmq-server"], "rabbitmq");
    if (!fs.existsSync(SCRIPT))
      throw new Error(`${SCRIPT} missing after installing rabbitmq-server`);
    const real = fs.realpathSync(SCRIPT);
    return {
      bin: SCRIPT,
      version: /rabbitmq_server-([\d.]+)/.exec(real)?.[1] ?? "unknown",
    };
  },

  dataDir: () => path.join(serviceDir("rabbitmq"), "data"),

  start(s) {
    fs.mkdirSync(s.dataDir, { recursive: true });
    const conf = path.join(serviceDir("rabbitmq"), "rabbitmq.conf");
    fs.writeFileSync(
      conf,
      `listeners.tcp.1 = 127.0.0.1:${s.port}\nloopback_users.guest = true\n`,
    );
    return spawnDaemon(s.bin, [], {
      logFile: s.logFile,
      cwd: s.dataDir,
      env: environment(s),
    });
  },

  // AMQP 0-9-1 protocol header → the server's Connection.Start (method frame on channel 0, class 10, method 10).
  ready: (s) =>
    tcpExchange(s.port, Buffer.from("AMQP\x00\x00\x09\x01", "latin1"), (buf) =>
      buf.length >= 11
        ? buf[0] === 1 &&
          buf.readUInt16BE(7) === 10 &&
          buf.readUInt16BE(9) === 10
        : undefined,
    ),

  /** epmd (started by the VM as a daemon on our private port) outlives the node: stop it too. */
  async afterStop(s) {
    const epmd = ["/usr/bin/epmd", "/usr/lib/erlang/bin/epmd"].find((p) =>
      fs.existsSync(p),
    );
    if (epmd && s.epmdPort) {
      await run(epmd, ["-kill"], {
        env: { ...process.env, ERL_EPMD_PORT: String(s.epmdPort) },
        timeoutMs: 10_000,
      }).catch(() => {});
    }
  },

  url: (s) => `amqp://guest:guest@127.0.0.1:${s.port}`,
};

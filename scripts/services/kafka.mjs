// Apache Kafka: one KRaft node (broker + controller in one JVM), jars resolved from Maven Central.
//
// Version: 4.4.0. The brief was "3.9.x unless kafkajs 2.2.4 passes a group-join + transactions smoke test on 4.x".
// Smoke test run here (2026-11-27, Java 17, this exact configuration) against 4.4.0, 4.1.1 and 3.9.1: admin
// describeCluster/createTopics/listTopics/fetchTopicMetadata/fetchTopicOffsets/describeGroups/deleteTopics, a consumer
// group join plus a rebalance when a second member joins, gzip batches with headers, and a transactional producer
// (commit, abort, commit, sendOffsets + commit) read back by a read_committed consumer that saw exactly the committed
// messages: all passed on all three. kafkajs logs retriable "coordinator loading" / "concurrent transactions" errors
// on the first transactions of a fresh broker and then succeeds, on 3.9 as on 4.x. So 4.4.0 (newest that resolved).
//
// Jars: see kafka-dist.mjs (Maven Central, strict checksums, cached in ~/.cache/signalbox/kafka-<version>/).
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { ensureJars, javaBin, KAFKA_VERSION } from "./kafka-dist.mjs";
import { log, repoRoot, run, ServiceError, serviceDir } from "./lib.mjs";
import { spawnDaemon } from "./proc.mjs";
import { tcpExchange } from "./probes.mjs";

const LOG4J2 = `status = warn
appender.out.type = Console
appender.out.name = out
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.out.ref = out
logger.statechange.name = state.change.logger
logger.statechange.level = WARN
logger.request.name = kafka.request.logger
logger.request.level = WARN
`;

function serverProperties(s) {
  const props = {
    "process.roles": "broker,controller",
    "node.id": "1",
    "controller.quorum.voters": `1@127.0.0.1:${s.controllerPort}`,
    listeners: `PLAINTEXT://127.0.0.1:${s.port},CONTROLLER://127.0.0.1:${s.controllerPort}`,
    "advertised.listeners": `PLAINTEXT://127.0.0.1:${s.port}`,
    "listener.security.protocol.map":
      "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
    "controller.listener.names": "CONTROLLER",
    "inter.broker.listener.name": "PLAINTEXT",
    "log.dirs": s.dataDir,
    "num.partitions": "1",
    "default.replication.factor": "1",
    "min.insync.replicas": "1",
    "auto.create.topics.enable": "true",
    "group.initial.rebalance.delay.ms": "0",
    "offsets.topic.replication.factor": "1",
    "offsets.topic.num.partitions": "1", // fewer internal partitions: a much faster first group join
    "transaction.state.log.replication.factor": "1",
    "transaction.state.log.min.isr": "1",
    "transaction.state.log.num.partitions": "1",
    "share.coordinator.state.topic.replication.factor": "1",
    "share.coordinator.state.topic.min.isr": "1",
  };
  return `${Object.entries(props)
    .map(([k, v]) => `${k}=${v}`)
    .join("\n")}\n`;
}

/** Kafka's Uuid text form: 16 random bytes, base64url without padding (never starting with "-": CLI-safe). */
function clusterId() {
  for (;;) {
    const id = crypto.randomBytes(16).toString("base64url");
    if (!id.startsWith("-")) return id;
  }
}

let kafkajs;
function loadKafkajs() {
  if (kafkajs === undefined) {
    try {
      kafkajs = createRequire(path.join(repoRoot, "package.json"))("kafkajs");
    } catch {
      kafkajs = null; // before `npm install`: fall back to a raw ApiVersions request
    }
  }
  return kafkajs;
}

/** Raw Kafka ApiVersions v0 request; true when the broker answers with error_code 0. */
export function apiVersions(port) {
  const clientId = Buffer.from("signalbox-services");
  const body = Buffer.alloc(10 + clientId.length);
  body.writeInt16BE(18, 0); // api_key ApiVersions
  body.writeInt16BE(0, 2); // api_version
  body.writeInt32BE(7, 4); // correlation_id
  body.writeInt16BE(clientId.length, 8);
  clientId.copy(body, 10);
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length);
  return tcpExchange(port, Buffer.concat([size, body]), (buf) =>
    buf.length >= 10 ? buf.readInt16BE(8) === 0 : undefined,
  );
}

export default {
  name: "kafka",
  envVar: "SIGNALBOX_TEST_KAFKA_BROKERS",
  ports: ["port", "controllerPort"],
  marker: "kafka.Kafka",
  stopTimeoutMs: 30_000,
  readyTimeoutMs: 90_000,

  async install() {
    const [java, libs] = await Promise.all([javaBin(), ensureJars()]);
    return { bin: java, libs, version: KAFKA_VERSION };
  },

  dataDir: () => path.join(serviceDir("kafka"), "data"),

  async start(s) {
    const dir = serviceDir("kafka");
    const propsFile = path.join(dir, "server.properties");
    const log4jFile = path.join(dir, "log4j2.properties");
    fs.writeFileSync(propsFile, serverProperties(s));
    fs.writeFileSync(log4jFile, LOG4J2);
    const classpath = `${s.libs}/*`;
    const jvm = [
      "-Xmx512m",
      "-Xms256m",
      "-XX:+UseG1GC",
      "-XX:MaxGCPauseMillis=20",
      "-XX:+ExitOnOutOfMemoryError",
    ];
    jvm.push(
      "-Djava.awt.headless=true",
      `-Dlog4j2.configurationFile=${log4jFile}`,
      `-Dkafka.logs.dir=${dir}`,
    );
    if (!fs.existsSync(path.join(s.dataDir, "meta.properties"))) {
      fs.mkdirSync(s.dataDir, { recursive: true });
      const id = clusterId();
      log(`kafka: formatting storage in ${s.dataDir} (cluster id ${id})`);
      const res = await run(
        s.bin,
        [
          ...jvm,
          "-cp",
          classpath,
          "kafka.tools.StorageTool",
          "format",
          "-t",
          id,
          "-c",
          propsFile,
        ],
        {
          cwd: dir,
          logFile: s.logFile,
          timeoutMs: 120_000,
        },
      );
      if (res.code !== 0) {
        fs.rmSync(s.dataDir, { recursive: true, force: true });
        throw new ServiceError(
          "kafka",
          `storage format failed (exit ${res.code})`,
          `${res.stdout}${res.stderr}`.slice(-3000),
        );
      }
    }
    return spawnDaemon(
      s.bin,
      [...jvm, "-cp", classpath, "kafka.Kafka", propsFile],
      { logFile: s.logFile, cwd: dir },
    );
  },

  async ready(s) {
    const lib = loadKafkajs();
    if (!lib) return apiVersions(s.port);
    const client = new lib.Kafka({
      clientId: "signalbox-services",
      brokers: [`127.0.0.1:${s.port}`],
      logLevel: lib.logLevel.NOTHING,
      connectionTimeout: 2_000,
      requestTimeout: 5_000,
      retry: { retries: 0 },
    });
    const admin = client.admin();
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      return (
        cluster.brokers.length === 1 &&
        cluster.controller !== null &&
        cluster.controller !== undefined
      );
    } finally {
      await admin.disconnect().catch(() => {});
    }
  },

  url: (s) => `127.0.0.1:${s.port}`,
};

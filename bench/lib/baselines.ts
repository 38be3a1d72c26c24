/**
 * Baselines, measured in the same run as the system, on the same cores, with the same 1 KiB payload:
 * - B1 node:http hello world (GET → 200);
 * - B2 node:http POST that reads the body, `JSON.parse`s it and answers 200;
 * - B3 raw nats.js JetStream publish of the payload, pipelined (1,024 in flight) and awaited one by one;
 * - B4 raw better-sqlite3 inserts of the payload (WAL, synchronous=FULL like the embedded bus), autocommit and
 *   256 per transaction;
 * - B5 the HTTP sink's own throughput (B2's server as the trigger target): measured by the orchestrator with the
 *   open-loop client on the server core driving the sink on the load core.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";
import { eventBody } from "./payload.ts";

/** Start B1 (GET hello world) or B2 (POST, read, JSON.parse, 200) on a free loopback port. */
export async function startBaselineServer(kind: "B1" | "B2"): Promise<{ port: number; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    if (kind === "B1") {
      res.writeHead(200, { "Content-Type": "text/plain", "Content-Length": "11" });
      res.end("hello world");
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      try {
        JSON.parse(Buffer.concat(chunks).toString("utf8"));
        res.writeHead(200, { "Content-Type": "text/plain", "Content-Length": "7" });
        res.end("success");
      } catch {
        res.writeHead(400, { "Content-Length": "0" });
        res.end();
      }
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** B3: JetStream publishes per second, pipelined (`window` in flight) and sequential. */
export async function measureJetStream(input: {
  url: string;
  durationMs: number;
  window?: number;
}): Promise<{ pipelined: number; sequential: number }> {
  const nc = await connect({ servers: input.url, name: "signalbox bench B3" });
  const suffix = randomBytes(4).toString("hex");
  const stream = `bench_b3_${suffix}`;
  const subject = `bench.b3.${suffix}.in`;
  const jsm = await jetstreamManager(nc);
  await jsm.streams.add({ name: stream, subjects: [`bench.b3.${suffix}.>`], storage: "file", num_replicas: 1 });
  const js = jetstream(nc);
  const window = input.window ?? 1024;
  let n = 0;
  const body = () => new TextEncoder().encode(eventBody({ nonce: `b3_${n}`, t0: 0n }));
  try {
    // Pipelined: keep `window` publishes outstanding.
    let acked = 0;
    const deadline = Date.now() + input.durationMs;
    const started = performance.now();
    const lane = async () => {
      while (Date.now() < deadline) {
        const id = `p${n++}`;
        await js.publish(subject, body(), { msgID: id });
        acked++;
      }
    };
    await Promise.all(Array.from({ length: window }, lane));
    const pipelined = (acked / (performance.now() - started)) * 1000;
    // Sequential: await each PubAck before the next publish.
    let sequentialAcked = 0;
    const seqDeadline = Date.now() + Math.min(input.durationMs, 3000) / (input.durationMs < 1000 ? 2 : 1);
    const seqStarted = performance.now();
    while (Date.now() < seqDeadline) {
      await js.publish(subject, body(), { msgID: `s${n++}` });
      sequentialAcked++;
    }
    const sequential = (sequentialAcked / (performance.now() - seqStarted)) * 1000;
    return { pipelined: Math.round(pipelined), sequential: Math.round(sequential) };
  } finally {
    await jsm.streams.delete(stream).catch(() => undefined);
    await nc.close();
  }
}

/** B4: better-sqlite3 inserts per second of the payload, autocommit and `batch` per transaction. */
export function measureSqlite(input: { durationMs: number; batch?: number }): { autocommit: number; batched: number } {
  const dir = mkdtempSync(join(tmpdir(), "sb-bench-b4-"));
  try {
    const db = new Database(join(dir, "b4.db"));
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    db.exec("CREATE TABLE messages (seq INTEGER PRIMARY KEY AUTOINCREMENT, msg_id TEXT NOT NULL, body BLOB NOT NULL)");
    const insert = db.prepare("INSERT INTO messages (msg_id, body) VALUES (?, ?)");
    const payload = Buffer.from(eventBody({ nonce: "b4_0", t0: 0n }));
    let n = 0;
    const half = input.durationMs / 2;
    let started = performance.now();
    let count = 0;
    while (performance.now() - started < half) {
      insert.run(`a${n++}`, payload);
      count++;
    }
    const autocommit = (count / (performance.now() - started)) * 1000;
    const batch = input.batch ?? 256;
    const many = db.transaction((k: number) => {
      for (let i = 0; i < k; i++) insert.run(`b${n++}`, payload);
    });
    started = performance.now();
    count = 0;
    while (performance.now() - started < half) {
      many(batch);
      count += batch;
    }
    const batched = (count / (performance.now() - started)) * 1000;
    db.close();
    return { autocommit: Math.round(autocommit), batched: Math.round(batched) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

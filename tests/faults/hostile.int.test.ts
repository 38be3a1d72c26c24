/**
 * Malformed and hostile input on a webhook port and on the API port: huge bodies (declared and streamed), deeply
 * nested JSON, invalid UTF-8, garbage instead of HTTP, oversized headers, and a slowloris (hundreds of connections
 * sending their headers a byte at a time). The server must answer each with a 4xx (or take a valid event), stay up
 * and keep serving others while it happens, and every event it acknowledged — the deep one included — must reach
 * the sink: no poison message may wedge the sensor.
 */
import { connect, type Socket } from "node:net";
import { expect, it } from "vitest";
import { freePort, startServer, tempDataDir, type ServerProcess } from "../helpers/server.ts";
import {
  applyFlow,
  expectBalanced,
  faultFlowYaml,
  healthy,
  rssMb,
  Scenario,
  sleep,
  startFaultSink,
  suffix,
  timer,
  waitBalanced,
} from "./helpers.ts";

/** Send raw bytes; resolve with the status code of the answer (0: closed without an answer) and the time taken. */
function raw(port: number, chunks: (Buffer | string)[], timeoutMs = 20_000): Promise<{ status: number; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    let data = "";
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      socket.destroy();
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(data);
      resolve({ status: match ? Number(match[1]) : 0, ms: Date.now() - started });
    };
    socket.setTimeout(timeoutMs, finish);
    socket.on("data", (chunk: Buffer) => {
      data += chunk.toString("latin1");
      if (/^HTTP\/1\.[01] \d{3}/.test(data)) finish();
    });
    socket.on("error", finish);
    socket.on("close", finish);
    socket.on("connect", () => {
      void (async () => {
        for (const chunk of chunks) {
          if (done || socket.destroyed) return;
          if (!socket.write(chunk)) await new Promise((r) => socket.once("drain", r).once("close", r));
        }
      })();
    });
  });
}

/** A POST whose body is `size` bytes, written in 64 KiB chunks (the server may answer and close early). */
function bigPost(input: { port: number; path: string; size: number; declare: boolean; headers?: string }) {
  const head =
    `POST ${input.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n${input.headers ?? ""}` +
    (input.declare ? `Content-Length: ${input.size}\r\n\r\n` : "Transfer-Encoding: chunked\r\n\r\n");
  const chunk = Buffer.alloc(64 * 1024, "a");
  const chunks: (Buffer | string)[] = [head];
  for (let sent = 0; sent < input.size; sent += chunk.length) {
    const piece = chunk.subarray(0, Math.min(chunk.length, input.size - sent));
    chunks.push(
      input.declare
        ? piece
        : Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from("\r\n")]),
    );
  }
  if (!input.declare) chunks.push("0\r\n\r\n");
  return raw(input.port, chunks);
}

function post(input: { port: number; path: string; body: Buffer | string; headers?: string }) {
  const body = typeof input.body === "string" ? Buffer.from(input.body) : input.body;
  return raw(input.port, [
    `POST ${input.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n${input.headers ?? ""}Content-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
    body,
  ]);
}

/** Open `count` connections that send a request line and then one header byte per second. */
function slowloris(port: number, count: number): { sockets: Socket[]; stop: () => void; closedByServer: () => number } {
  const sockets: Socket[] = [];
  let closed = 0;
  let stopping = false;
  for (let i = 0; i < count; i++) {
    const socket = connect({ host: "127.0.0.1", port });
    socket.on("error", () => undefined);
    socket.on("close", () => {
      if (!stopping) closed++;
    });
    socket.on("connect", () => socket.write("POST /in HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "));
    sockets.push(socket);
  }
  const drip = setInterval(() => {
    for (const socket of sockets) if (!socket.destroyed) socket.write("a");
  }, 1000);
  return {
    sockets,
    closedByServer: () => closed,
    stop: () => {
      stopping = true;
      clearInterval(drip);
      for (const socket of sockets) socket.destroy();
    },
  };
}

it("hostile input: 4xx for each, the server stays up and serves others, acknowledged events still arrive", async () => {
  const scenario = new Scenario();
  try {
    const t = timer("hostile input");
    const sink = scenario.own(await startFaultSink(), (s) => s.close());
    const server = scenario.own(await startServer({ dataDir: tempDataDir("sb-fault-hostile-") }), (s: ServerProcess) =>
      s.stop("SIGKILL"),
    );
    const apiPort = Number(new URL(server.url).port);
    const namespace = `hostile-${suffix()}`;
    const port = await freePort();
    await applyFlow(
      server,
      faultFlowYaml({ namespace, bus: "embedded", port, triggers: [{ name: "out", url: `${sink.url}/out` }] }),
      namespace,
    );
    const pid = server.process.pid ?? 0;
    const idleRss = rssMb(pid);
    const acked = new Set<string>();
    const results: Record<string, number> = {};
    const check = async (name: string, run: Promise<{ status: number }>, allowed: number[]) => {
      const { status } = await run;
      results[name] = status;
      expect(allowed, `${name}: answered ${status}`).toContain(status);
      return status;
    };
    t("server up");

    // Slowloris on both ports for the whole scenario.
    const lorisWebhook = slowloris(port, 200);
    const lorisApi = slowloris(apiPort, 100);
    await sleep(500);

    // Huge bodies.
    await check("webhook: 50 MB declared", bigPost({ port, path: "/in", size: 50 << 20, declare: true }), [413]);
    await check("webhook: 8 MB chunked", bigPost({ port, path: "/in", size: 8 << 20, declare: false }), [413]);
    const apiRoute = `/api/v1/webhooks/${namespace}/faults/in`;
    await check(
      "API webhook route: 20 MB",
      bigPost({ port: apiPort, path: apiRoute, size: 20 << 20, declare: true }),
      [413],
    );
    await check(
      "API manifests: 10 MB",
      bigPost({
        port: apiPort,
        path: "/api/v1/manifests",
        size: 10 << 20,
        declare: true,
        headers: `Authorization: Bearer ${server.token}\r\n`,
      }),
      [413],
    );
    t("huge bodies");

    // Deeply nested JSON (under the 1 MiB payload limit): taken, or refused with a 4xx; if taken, delivered.
    const depth = 400_000;
    const deep = `{"nonce":"deep-array","d":${"[".repeat(depth)}${"]".repeat(depth)}}`;
    if ((await check("webhook: JSON nested 400,000 deep", post({ port, path: "/in", body: deep }), [200, 400])) === 200)
      acked.add("deep-array");
    const deepObject = `{"nonce":"deep-object","d":${'{"a":'.repeat(150_000)}1${"}".repeat(150_000)}}`;
    if (
      (await check(
        "webhook: objects nested 150,000 deep",
        post({ port, path: "/in", body: deepObject }),
        [200, 400],
      )) === 200
    )
      acked.add("deep-object");
    await check(
      "API manifests: JSON nested 400,000 deep",
      post({
        port: apiPort,
        path: "/api/v1/manifests",
        body: `{"kind":${"[".repeat(depth)}${"]".repeat(depth)}}`,
        headers: `Authorization: Bearer ${server.token}\r\n`,
      }),
      [400, 413, 422],
    );
    t("deep JSON");

    // Invalid UTF-8, garbage, oversized headers.
    const utf8 = await check(
      "webhook: invalid UTF-8",
      post({
        port,
        path: "/in",
        body: Buffer.concat([Buffer.from('{"nonce":"utf8-'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')]),
      }),
      [200, 400],
    );
    // Decoded with U+FFFD for each invalid byte, it is valid JSON: taken, and owed to the sink like any other.
    if (utf8 === 200) acked.add("utf8-\uFFFD\uFFFD\uFFFD");
    await check(
      "webhook: invalid UTF-8, not JSON",
      post({ port, path: "/in", body: Buffer.from([0xff, 0xfe, 0x00, 0x80]) }),
      [400],
    );
    await check(
      "webhook: garbage instead of HTTP",
      raw(port, [Buffer.from("\x00\x01GARBAGE\r\n\r\n\xff\xff")]),
      [0, 400],
    );
    await check(
      "API: garbage instead of HTTP",
      raw(apiPort, [Buffer.from("\x16\x03\x01\x02\x00 not http\r\n\r\n")]),
      [0, 400],
    );
    await check(
      "webhook: 100 KB header",
      post({ port, path: "/in", body: '{"nonce":"x"}', headers: `X-Big: ${"b".repeat(100_000)}\r\n` }),
      [0, 431],
    );
    await check(
      "API: 10,000 headers",
      raw(apiPort, [`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n${"X-H: 1\r\n".repeat(10_000)}\r\n`]),
      [0, 431],
    );
    t("malformed requests");

    // While all that was going on (the slowloris is still holding its connections), others are served.
    expect(await healthy(server), "GET /healthz during the attack").toBe(true);
    const started = Date.now();
    for (let i = 0; i < 20; i++) {
      const response = await fetch(`http://127.0.0.1:${port}/in`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ nonce: `ok-${i}` }),
      });
      if (response.status === 200) acked.add(`ok-${i}`);
      await response.arrayBuffer();
    }
    const normalMs = Date.now() - started;
    expect(acked.size, "normal webhooks during the slowloris").toBeGreaterThanOrEqual(20);
    // Held past the webhook port's headersTimeout (10 s). Node enforces it from a timer that runs every
    // connectionsCheckingInterval (30 s), so a slow connection may live up to ~40 s: reported, not asserted.
    await sleep(11_000);
    const lorisClosed = lorisWebhook.closedByServer();
    lorisWebhook.stop();
    lorisApi.stop();
    t("slowloris");

    const delivered = await waitBalanced(acked, sink, 30_000);
    const peakRss = rssMb(pid);
    expect(server.process.exitCode, `the server is still running (${server.output().slice(-1500)})`).toBeNull();
    expect(await healthy(server)).toBe(true);
    expectBalanced(
      "hostile input",
      delivered,
      `answers ${JSON.stringify(results)}; 20 normal webhooks in ${normalMs} ms during the slowloris; ` +
        `${lorisClosed}/200 slowloris connections closed by the webhook server after 11 s; RSS ${idleRss} → ${peakRss} MB`,
    );
  } finally {
    await scenario.release();
  }
}, 90_000);

/**
 * A real HTTP sink for trigger tests: records every request (method, path, headers, body) and can stall.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

/** A received request. */
export interface SinkRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  at: number;
}

/** A running sink. */
export interface Sink {
  url: string;
  port: number;
  requests: SinkRequest[];
  /** Hold every response until `release()`. */
  stall(): void;
  release(): void;
  /** Answer with this status from now on. */
  respondWith(status: number): void;
  waitFor(predicate: (requests: SinkRequest[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** Start a sink on a free loopback port. */
export async function startSink(): Promise<Sink> {
  const requests: SinkRequest[] = [];
  let stalled = false;
  let status = 200;
  const held: ServerResponse[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      requests.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() });
      if (stalled) held.push(res);
      else res.writeHead(status).end("ok");
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    stall: () => void (stalled = true),
    release: () => {
      stalled = false;
      for (const res of held.splice(0)) if (!res.destroyed) res.writeHead(status).end("ok");
    },
    respondWith: (next) => void (status = next),
    waitFor: async (predicate, timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(requests)) {
        if (Date.now() > deadline) throw new Error(`sink: condition not met in ${timeoutMs} ms (${requests.length} requests)`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of held.splice(0)) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

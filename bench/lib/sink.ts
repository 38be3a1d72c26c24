/**
 * The benchmark's trigger target: B2's server (read the body, `JSON.parse` it, answer 200) that also checks each
 * event's nonce off the {@link Ledger} and records arrival − t0 (the scheduled send time the trigger mapping
 * carried through) in the step's HDR histogram.
 */
import { createServer, type Server } from "node:http";
import { nowNs } from "./clock.ts";
import type { Ledger } from "./ledger.ts";
import type { SinkBody } from "./payload.ts";

/** A listening sink. */
export interface BenchSink {
  port: number;
  server: Server;
  /** Requests received (any body). */
  requests(): number;
  close(): Promise<void>;
}

/** Start the sink on a free loopback port. */
export async function startBenchSink(ledger: Ledger): Promise<BenchSink> {
  let requests = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const arrived = nowNs();
      requests++;
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as SinkBody;
        if (typeof body.nonce === "string" && typeof body.t0 === "string")
          ledger.arrival(body.nonce, BigInt(body.t0), arrived);
        else ledger.foreign++;
      } catch {
        ledger.foreign++;
      }
      res.writeHead(200, { "Content-Type": "text/plain", "Content-Length": "2" });
      res.end("ok");
    });
  });
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    port,
    server,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

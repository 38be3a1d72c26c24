/**
 * A tiny HTTP sink in the spec process: trigger requests land here and the spec reads exactly what arrived (method,
 * path, headers, body bytes). Its answer can be changed while it runs (to make a trigger fail, then succeed).
 */
import { expect } from "@playwright/test";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";

export interface SinkRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface Sink {
  url: string;
  requests: SinkRequest[];
  /** The status the sink answers with from now on. */
  respondWith(status: number): void;
  /** Wait until a request matching `predicate` arrived, and return it. */
  waitFor(predicate?: (request: SinkRequest) => boolean, timeout?: number): Promise<SinkRequest>;
  close(): Promise<void>;
}

export async function startSink(): Promise<Sink> {
  const requests: SinkRequest[] = [];
  let status = 200;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      requests.push({ method: request.method ?? "", url: request.url ?? "", headers: request.headers, body: Buffer.concat(chunks) });
      response.writeHead(status, { "content-type": "text/plain" });
      response.end(status < 400 ? "ok" : `sink says ${status}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    respondWith: (next) => {
      status = next;
    },
    async waitFor(predicate = () => true, timeout = 15_000) {
      let found: SinkRequest | undefined;
      await expect
        .poll(() => (found = requests.find(predicate)) !== undefined, { timeout, message: "a matching request at the sink" })
        .toBe(true);
      return found as SinkRequest;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

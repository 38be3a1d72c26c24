/**
 * An open-loop HTTP/1.1 load generator on raw sockets.
 *
 * Request `i` is *scheduled* at `start + i / rate`, whether or not earlier requests have been answered; it is sent
 * on the first free keep-alive connection (of a fixed pool, no pipelining), and its latency is timed from the
 * scheduled time, so queueing behind a slow answer is charged in full (no coordinated omission). Each request
 * carries its scheduled time (`t0`, monotonic ns) and a nonce in its JSON body, which is how the sink measures
 * end-to-end latency and how the ledger knows which events were acknowledged (2xx) — never the server's counters.
 *
 * Raw sockets rather than undici/autocannon: a hand-written request/response loop costs a few µs per request, so
 * one core can offer several times what the server under test can take, and every request's own scheduled time is
 * known (autocannon's `-R` paces sends but reports latency from the actual send).
 */
import { connect, type Socket } from "node:net";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { nowNs } from "./clock.ts";
import { latencyHistogram, recordNs, summarize, type LatencySummary } from "./histogram.ts";

/** What to send. */
export interface OpenLoopOptions {
  host: string;
  port: number;
  path: string;
  method: "GET" | "POST";
  /** Requests per second. */
  rate: number;
  durationMs: number;
  /** Keep-alive connections in the pool (the same count for every baseline and system run). */
  connections: number;
  /** Body of request `i` (POST), given its scheduled time. */
  body?: (index: number, t0: bigint) => string;
  /** A request unanswered this long is abandoned (its connection is closed) and counted as a timeout. */
  timeoutMs?: number;
  /** After the last scheduled send, wait at most this long for answers. */
  drainMs?: number;
  /** Called for each answered request (index, HTTP status, Retry-After present). */
  onResponse?: (index: number, status: number, retryAfter: boolean) => void;
  /** Extra header lines (`Name: value`). */
  headers?: string[];
}

/** What happened. */
export interface OpenLoopResult {
  rate: number;
  durationMs: number;
  /** Requests scheduled. */
  offered: number;
  /** Requests written to a socket. */
  sent: number;
  /** Requests answered with any status. */
  answered: number;
  /** Count per HTTP status. */
  status: Record<string, number>;
  /** 2xx answers. */
  ok: number;
  /** 429/503 answers without a Retry-After header. */
  shedWithoutRetryAfter: number;
  /** Connection errors (refused, reset) and timeouts. */
  errors: number;
  timeouts: number;
  /** Never sent or never answered before the drain ended. */
  unfinished: number;
  /** Latency of every answered request, from its scheduled time. */
  latency: LatencySummary;
  /** Latency of 2xx answers only. */
  latencyOk: LatencySummary;
  /** Actual write time − scheduled time: the client's own queueing (connections busy) and lag. */
  sendLag: LatencySummary;
  /** The client's own event-loop delay p99 (ms): high means the generator, not the server, was the limit. */
  clientLoopDelayP99: number;
  /** Answered requests per second over the schedule (and its drain). */
  achievedRate: number;
  elapsedMs: number;
}

interface InFlight {
  index: number;
  scheduledNs: bigint;
  sentNs: bigint;
}

class Connection {
  socket: Socket | undefined;
  current: InFlight | undefined;
  private buffer: Buffer = Buffer.alloc(0);
  connecting: Promise<void> | undefined;

  constructor(
    private readonly owner: OpenLoop,
    private readonly host: string,
    private readonly port: number,
  ) {}

  open(): Promise<void> {
    this.connecting ??= new Promise<void>((resolve) => {
      const socket = connect({ host: this.host, port: this.port, noDelay: true });
      this.socket = socket;
      this.buffer = Buffer.alloc(0);
      let connected = false;
      socket.once("connect", () => {
        connected = true;
        this.connecting = undefined;
        resolve();
      });
      socket.on("data", (chunk: Buffer) => this.onData(chunk));
      socket.on("error", () => undefined);
      socket.once("close", () => {
        if (this.socket !== socket) return;
        this.socket = undefined;
        this.connecting = undefined;
        const lost = this.current;
        this.current = undefined;
        if (lost) this.owner.failed(lost, "error");
        // A connect that failed resolves `open()`; its caller retries. A connection that worked and closed is replaced.
        if (!connected) resolve();
        else this.owner.connectionClosed(this);
      });
    });
    return this.connecting;
  }

  get ready(): boolean {
    return (
      this.socket !== undefined && this.connecting === undefined && this.current === undefined && !this.socket.destroyed
    );
  }

  send(request: InFlight, bytes: Buffer): void {
    this.current = request;
    this.socket?.write(bytes);
  }

  /** Abandon the in-flight request (timeout). */
  abort(): void {
    const socket = this.socket;
    const lost = this.current;
    this.current = undefined;
    this.socket = undefined;
    this.connecting = undefined;
    if (lost) this.owner.failed(lost, "timeout");
    socket?.destroy();
    this.owner.connectionClosed(this);
  }

  close(): void {
    const socket = this.socket;
    this.socket = undefined;
    socket?.destroy();
  }

  private onData(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const parsed = parseResponse(this.buffer);
      if (!parsed) return;
      this.buffer = this.buffer.subarray(parsed.length);
      const request = this.current;
      this.current = undefined;
      if (request) this.owner.answered(request, parsed.status, parsed.retryAfter);
      if (parsed.close) {
        const socket = this.socket;
        this.socket = undefined;
        socket?.destroy();
        this.owner.connectionClosed(this);
        return;
      }
      this.owner.idle(this);
    }
  }
}

/** A parsed response head and the bytes it used (head and body), or undefined when incomplete. */
export function parseResponse(
  buffer: Buffer,
): { status: number; retryAfter: boolean; close: boolean; length: number } | undefined {
  const headEnd = buffer.indexOf("\r\n\r\n");
  if (headEnd < 0) return undefined;
  const head = buffer.toString("latin1", 0, headEnd);
  const lines = head.split("\r\n");
  const status = Number(lines[0]?.split(" ")[1] ?? 0);
  let contentLength = -1;
  let chunked = false;
  let retryAfter = false;
  let close = false;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const colon = line.indexOf(":");
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === "content-length") contentLength = Number(value);
    else if (name === "transfer-encoding" && value.toLowerCase().includes("chunked")) chunked = true;
    else if (name === "retry-after") retryAfter = value.length > 0;
    else if (name === "connection" && value.toLowerCase() === "close") close = true;
  }
  const bodyStart = headEnd + 4;
  if (chunked) {
    let at = bodyStart;
    for (;;) {
      const lineEnd = buffer.indexOf("\r\n", at);
      if (lineEnd < 0) return undefined;
      const size = parseInt(buffer.toString("latin1", at, lineEnd), 16);
      if (Number.isNaN(size)) return { status, retryAfter, close: true, length: buffer.length };
      if (size === 0) {
        const end = buffer.indexOf("\r\n\r\n", lineEnd);
        if (end < 0) return undefined;
        return { status, retryAfter, close, length: end + 4 };
      }
      const next = lineEnd + 2 + size + 2;
      if (buffer.length < next) return undefined;
      at = next;
    }
  }
  const length = contentLength < 0 ? 0 : contentLength;
  if (contentLength < 0 && status !== 204 && status !== 304 && status >= 200) close = true; // read-until-close: give up the socket
  if (buffer.length < bodyStart + length) return undefined;
  return { status, retryAfter, close, length: bodyStart + length };
}

/** One open-loop run. */
export class OpenLoop {
  private readonly connections: Connection[] = [];
  private readonly idleConnections: Connection[] = [];
  private readonly histogram = latencyHistogram();
  private readonly histogramOk = latencyHistogram();
  private readonly lagHistogram = latencyHistogram();
  private readonly status: Record<string, number> = {};
  private readonly total: number;
  private readonly intervalNs: number;
  private startNs = 0n;
  private scheduled = 0;
  private dispatched = 0;
  private answeredCount = 0;
  private okCount = 0;
  private errors = 0;
  private timeouts = 0;
  private shedWithoutRetryAfter = 0;
  private outstanding = 0;
  private readonly requestHead: string;
  private done: (() => void) | undefined;
  private ticker: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: OpenLoopOptions) {
    this.total = Math.max(0, Math.round((options.rate * options.durationMs) / 1000));
    this.intervalNs = 1e9 / options.rate;
    this.requestHead =
      `${options.method} ${options.path} HTTP/1.1\r\nHost: ${options.host}:${options.port}\r\n` +
      (options.headers ?? []).map((h) => `${h}\r\n`).join("");
  }

  async run(): Promise<OpenLoopResult> {
    const { connections, host, port } = this.options;
    for (let i = 0; i < connections; i++) this.connections.push(new Connection(this, host, port));
    await Promise.all(this.connections.map((c) => c.open()));
    for (const c of this.connections) {
      if (c.ready) this.idleConnections.push(c);
      else this.connectionClosed(c);
    }
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    this.startNs = nowNs() + 5_000_000n;
    const timeoutNs = BigInt(Math.round((this.options.timeoutMs ?? 10_000) * 1e6));
    const finished = new Promise<void>((resolve) => (this.done = resolve));
    const tick = () => {
      if (this.stopped) return;
      const now = nowNs();
      const due = Math.min(this.total, Math.max(0, Math.floor(Number(now - this.startNs) / this.intervalNs) + 1));
      if (due > this.scheduled) {
        this.outstanding += due - this.scheduled;
        this.scheduled = due;
      }
      this.dispatch();
      for (const c of this.connections) {
        if (c.current && now - c.current.sentNs > timeoutNs) c.abort();
      }
      this.checkDone();
      this.ticker = setTimeout(tick, 1);
    };
    tick();
    const drainMs = this.options.drainMs ?? 10_000;
    const deadline = new Promise<void>((resolve) => {
      const t = setTimeout(resolve, this.options.durationMs + drainMs + 10);
      t.unref();
    });
    await Promise.race([finished, deadline]);
    this.stopped = true;
    if (this.ticker) clearTimeout(this.ticker);
    loop.disable();
    const elapsedMs = Number(nowNs() - this.startNs) / 1e6;
    for (const c of this.connections) {
      c.current = undefined;
      c.close();
    }
    const unfinished = this.total - this.answeredCount - this.errors - this.timeouts;
    return {
      rate: this.options.rate,
      durationMs: this.options.durationMs,
      offered: this.total,
      sent: this.dispatched,
      answered: this.answeredCount,
      status: this.status,
      ok: this.okCount,
      shedWithoutRetryAfter: this.shedWithoutRetryAfter,
      errors: this.errors,
      timeouts: this.timeouts,
      unfinished,
      latency: summarize(this.histogram),
      latencyOk: summarize(this.histogramOk),
      sendLag: summarize(this.lagHistogram),
      clientLoopDelayP99: Math.round(loop.percentile(99) / 1e3) / 1e3,
      achievedRate: Math.round((this.answeredCount / Math.max(elapsedMs, this.options.durationMs)) * 1000),
      elapsedMs: Math.round(elapsedMs),
    };
  }

  private checkDone(): void {
    if (this.scheduled >= this.total && this.outstanding === 0) this.done?.();
  }

  private dispatch(): void {
    while (this.dispatched < this.scheduled) {
      const connection = this.idleConnections.pop();
      if (!connection) return;
      if (!connection.ready) continue;
      const index = this.dispatched++;
      const scheduledNs = this.startNs + BigInt(Math.round(index * this.intervalNs));
      const sentNs = nowNs();
      recordNs(this.lagHistogram, sentNs > scheduledNs ? sentNs - scheduledNs : 0n);
      let bytes: Buffer;
      if (this.options.method === "POST") {
        const body = this.options.body?.(index, scheduledNs) ?? "{}";
        bytes = Buffer.from(
          `${this.requestHead}Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
        );
      } else {
        bytes = Buffer.from(`${this.requestHead}\r\n`);
      }
      connection.send({ index, scheduledNs, sentNs }, bytes);
    }
  }

  /** A connection finished its request and can take another. */
  idle(connection: Connection): void {
    this.idleConnections.push(connection);
    if (!this.stopped) this.dispatch();
  }

  /** A connection closed: open a new one (unless the run is over). */
  connectionClosed(connection: Connection): void {
    if (this.stopped) return;
    const at = this.idleConnections.indexOf(connection);
    if (at >= 0) this.idleConnections.splice(at, 1);
    void connection.open().then(() => {
      if (this.stopped) return connection.close();
      if (connection.ready) this.idle(connection);
      else setTimeout(() => this.connectionClosed(connection), 50);
    });
  }

  answered(request: InFlight, status: number, retryAfter: boolean): void {
    const now = nowNs();
    this.outstanding--;
    this.answeredCount++;
    this.status[status] = (this.status[status] ?? 0) + 1;
    recordNs(this.histogram, now - request.scheduledNs);
    if (status >= 200 && status < 300) {
      this.okCount++;
      recordNs(this.histogramOk, now - request.scheduledNs);
    } else if ((status === 429 || status === 503) && !retryAfter) {
      this.shedWithoutRetryAfter++;
    }
    this.options.onResponse?.(request.index, status, retryAfter);
    this.checkDone();
  }

  failed(_request: InFlight, kind: "error" | "timeout"): void {
    this.outstanding--;
    if (kind === "timeout") this.timeouts++;
    else this.errors++;
    this.checkDone();
  }
}

/** Run one open-loop load. */
export function openLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  return new OpenLoop(options).run();
}

/**
 * Shared pieces of the fault tests: flows on any bus, a recording sink that can be slow or fail, a load of
 * nonce-carrying webhooks, and the ledger — acknowledged nonces (2xx at the client) against nonces the sink
 * received, never the server's own counters.
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { expect } from "vitest";
import { apply, type ServerProcess } from "../helpers/server.ts";

export type BusKind = "embedded" | "jetstream" | "kafka";

export const natsUrl = process.env.SIGNALBOX_TEST_NATS_URL;
export const kafkaBrokers = process.env.SIGNALBOX_TEST_KAFKA_BROKERS;

/** Environment a server needs for JetStream and Kafka buses. */
export function busEnv(): Record<string, string> {
  return {
    ...(natsUrl ? { SIGNALBOX_NATS_URL: natsUrl } : {}),
    ...(kafkaBrokers ? { SIGNALBOX_KAFKA_BROKERS: kafkaBrokers } : {}),
  };
}

/** The EventBus document of a namespace (none for the embedded bus). */
export function busYaml(bus: BusKind, namespace: string): string {
  if (bus === "jetstream") {
    if (!natsUrl) throw new Error("SIGNALBOX_TEST_NATS_URL is not set: the integration globalSetup starts nats-server");
    return `apiVersion: argoproj.io/v1alpha1\nkind: EventBus\nmetadata: {name: default, namespace: ${namespace}}\nspec:\n  jetstream:\n    version: "2.10.29"\n---\n`;
  }
  if (bus === "kafka") {
    if (!kafkaBrokers)
      throw new Error("SIGNALBOX_TEST_KAFKA_BROKERS is not set: the integration globalSetup starts Kafka");
    return `apiVersion: argoproj.io/v1alpha1\nkind: EventBus\nmetadata: {name: default, namespace: ${namespace}}\nspec:\n  kafka:\n    url: ${kafkaBrokers}\n    topic: ${namespace}-faults\n---\n`;
  }
  return "";
}

/** One HTTP trigger of a fault flow. */
export interface FaultTrigger {
  name: string;
  url: string;
  /** Retries (`retryStrategy.steps`) with a fixed `duration`. */
  retry?: { steps: number; duration: string };
  /** `policy.status.allow`: other statuses are failures. */
  allow?: number[];
  /** A `dlqTrigger` posting to this URL. */
  dlqUrl?: string;
  timeoutSeconds?: number;
}

/** webhook `in` → sensor `faults` (every trigger `atLeastOnce`, payload `{nonce}`) on the namespace's bus. */
export function faultFlowYaml(input: {
  namespace: string;
  bus: BusKind;
  port: number;
  triggers: FaultTrigger[];
  maxPayloadSize?: number;
}): string {
  const payload = `          payload:\n            - {src: {dependencyName: d, dataKey: body.nonce}, dest: nonce}\n`;
  const triggers = input.triggers
    .map((t) => {
      const lines = [
        `    - template:`,
        `        name: ${t.name}`,
        `        http:`,
        `          url: ${t.url}`,
        `          method: POST`,
        `          timeout: ${t.timeoutSeconds ?? 5}`,
        payload.trimEnd(),
        `      atLeastOnce: true`,
      ];
      if (t.retry)
        lines.push(
          `      retryStrategy: {steps: ${t.retry.steps}, duration: ${t.retry.duration}, factor: 1, jitter: 0.1}`,
        );
      if (t.allow) lines.push(`      policy: {status: {allow: [${t.allow.join(", ")}]}}`);
      if (t.dlqUrl) {
        lines.push(
          `      dlqTrigger:`,
          `        template:`,
          `          name: ${t.name}-dlq`,
          `          http:`,
          `            url: ${t.dlqUrl}`,
          `            method: POST`,
        );
        lines.push(
          `            payload:`,
          `              - {src: {dependencyName: d, dataKey: body.nonce}, dest: nonce}`,
        );
        lines.push(`        atLeastOnce: true`);
      }
      return lines.join("\n");
    })
    .join("\n");
  return `${busYaml(input.bus, input.namespace)}apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: faults, namespace: ${input.namespace}}
spec:
  webhook:
    in: {port: "${input.port}", endpoint: /in, method: POST${input.maxPayloadSize ? `, maxPayloadSize: ${input.maxPayloadSize}` : ""}}
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: faults, namespace: ${input.namespace}}
spec:
  dependencies:
    - {name: d, eventSourceName: faults, eventName: in}
  triggers:
${triggers}
`;
}

/** Apply and wait until the source and sensor report Deployed. */
export async function applyFlow(server: ServerProcess, yaml: string, namespace: string): Promise<void> {
  await apply(server, yaml);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const states = await Promise.all(
      ["eventsources", "sensors"].map(async (plural) => {
        const response = await fetch(`${server.url}/api/v1/namespaces/${namespace}/${plural}/faults`, {
          headers: { authorization: `Bearer ${server.token}` },
        });
        const body = (await response.json()) as {
          status?: { conditions?: { type: string; status: string; message?: string }[] };
        };
        return body.status?.conditions?.find((c) => c.type === "Deployed");
      }),
    );
    if (states.every((c) => c?.status === "True")) return;
    const failed = states.find((c) => c?.status === "False");
    if (failed || Date.now() > deadline) throw new Error(`flow ${namespace} not deployed: ${JSON.stringify(states)}`);
    await sleep(100);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A recording sink: counts each nonce, can answer slowly or with an error status. */
export interface FaultSink {
  url: string;
  /** Arrivals per nonce. */
  counts: Map<string, number>;
  /** First arrival time (ms since epoch) per nonce. */
  firstAt: Map<string, number>;
  requests: number;
  setStatus(status: number): void;
  setDelay(ms: number): void;
  close(): Promise<void>;
}

export async function startFaultSink(options: { status?: number; delayMs?: number } = {}): Promise<FaultSink> {
  let status = options.status ?? 200;
  let delayMs = options.delayMs ?? 0;
  const sink = {
    counts: new Map<string, number>(),
    firstAt: new Map<string, number>(),
    requests: 0,
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      sink.requests++;
      try {
        const { nonce } = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { nonce?: string };
        if (typeof nonce === "string") {
          sink.counts.set(nonce, (sink.counts.get(nonce) ?? 0) + 1);
          if (!sink.firstAt.has(nonce)) sink.firstAt.set(nonce, Date.now());
        }
      } catch {
        // not ours
      }
      const answer = status;
      const reply = () => {
        if (!res.destroyed)
          res.writeHead(answer, { "content-type": "text/plain" }).end(answer === 200 ? "ok" : "failing");
      };
      if (delayMs > 0) setTimeout(reply, delayMs);
      else reply();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return Object.assign(sink, {
    url: `http://127.0.0.1:${port}`,
    setStatus: (next: number) => void (status = next),
    setDelay: (next: number) => void (delayMs = next),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

/** Answers a load got. */
export interface LoadStats {
  acked: Set<string>;
  /** Count per status (0: connection error or timeout). */
  statuses: Map<number, number>;
  /** 429/503 answers without Retry-After. */
  shedWithoutRetryAfter: number;
  /** Answers other than 2xx, 413, 429, 503 (server errors and the like), with the first few bodies. */
  unexpected: { status: number; body: string }[];
  sent: number;
}

/**
 * Closed-loop senders posting `{"nonce":"<prefix>-<n>"}` to a webhook until stopped (or `total` sent). A 2xx puts
 * the nonce in `acked`; anything else (refused, reset, 503) means the sender was told to retry: not owed.
 */
export class WebhookLoad {
  readonly stats: LoadStats = {
    acked: new Set(),
    statuses: new Map(),
    shedWithoutRetryAfter: 0,
    unexpected: [],
    sent: 0,
  };
  private running = false;
  private next = 0;
  private workers: Promise<void>[] = [];
  /** Send times, for latency checks. */
  readonly sentAt = new Map<string, number>();

  constructor(
    private readonly options: {
      url: string;
      prefix: string;
      concurrency: number;
      total?: number;
      pauseMs?: number;
      timeoutMs?: number;
    },
  ) {}

  start(): this {
    this.running = true;
    this.workers = Array.from({ length: this.options.concurrency }, () => this.worker());
    return this;
  }

  /** Stop sending; resolves when every in-flight request settled. */
  async stop(): Promise<LoadStats> {
    this.running = false;
    await Promise.all(this.workers);
    return this.stats;
  }

  /** Resolves when all `total` requests settled. */
  async done(): Promise<LoadStats> {
    await Promise.all(this.workers);
    this.running = false;
    return this.stats;
  }

  async waitAcked(count: number, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.stats.acked.size < count) {
      if (Date.now() > deadline)
        throw new Error(
          `only ${this.stats.acked.size} of ${count} webhooks acknowledged in ${timeoutMs} ms (${JSON.stringify([...this.stats.statuses])})`,
        );
      await sleep(10);
    }
  }

  private async worker(): Promise<void> {
    while (this.running && (this.options.total === undefined || this.next < this.options.total)) {
      const nonce = `${this.options.prefix}-${this.next++}`;
      this.stats.sent++;
      this.sentAt.set(nonce, Date.now());
      let status = 0;
      try {
        const response = await fetch(this.options.url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ nonce }),
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
        });
        status = response.status;
        const body = await response.text();
        if (status >= 200 && status < 300) this.stats.acked.add(nonce);
        else if (status === 429 || status === 503) {
          if (!response.headers.get("retry-after")) this.stats.shedWithoutRetryAfter++;
        } else if (this.stats.unexpected.length < 20) this.stats.unexpected.push({ status, body: body.slice(0, 200) });
        else this.stats.unexpected.push({ status, body: "" });
      } catch {
        status = 0;
      }
      this.stats.statuses.set(status, (this.stats.statuses.get(status) ?? 0) + 1);
      if (status !== 200 && this.options.pauseMs === undefined) await sleep(20);
      if (this.options.pauseMs) await sleep(this.options.pauseMs);
    }
  }
}

/** The balance of acknowledged nonces against one sink. */
export interface Balance {
  acknowledged: number;
  delivered: number;
  lost: string[];
  duplicates: number;
  deliveredWithoutAck: number;
}

export function balance(acked: ReadonlySet<string>, sink: FaultSink, prefix?: string): Balance {
  const lost = [...acked].filter((nonce) => !sink.counts.has(nonce));
  let duplicates = 0;
  let deliveredWithoutAck = 0;
  for (const [nonce, count] of sink.counts) {
    if (prefix && !nonce.startsWith(prefix)) continue;
    duplicates += count - 1;
    if (!acked.has(nonce)) deliveredWithoutAck++;
  }
  return { acknowledged: acked.size, delivered: acked.size - lost.length, lost, duplicates, deliveredWithoutAck };
}

/** Wait until every acknowledged nonce reached the sink (or the time is up); the balance either way. */
export async function waitBalanced(
  acked: ReadonlySet<string>,
  sink: FaultSink,
  wait: number | { timeoutMs: number; prefix: string },
): Promise<Balance> {
  const { timeoutMs, prefix } = typeof wait === "number" ? { timeoutMs: wait, prefix: undefined } : wait;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ([...acked].every((nonce) => sink.counts.has(nonce))) break;
    await sleep(50);
  }
  return balance(acked, sink, prefix);
}

/** Print the ledger line of a scenario and assert that nothing acknowledged was lost. */
export function expectBalanced(scenario: string, b: Balance, extra = ""): void {
  console.log(
    `[faults] ${scenario}: ${b.acknowledged} acknowledged = ${b.delivered} delivered + ${b.lost.length} lost; ${b.duplicates} duplicates, ${b.deliveredWithoutAck} delivered without a 2xx${extra ? `; ${extra}` : ""}`,
  );
  expect(b.lost, `${scenario}: acknowledged events that never reached the sink`).toEqual([]);
}

/** Resident set size of a process in MB. */
export function rssMb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Math.round(Number(match[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

/** GET /healthz of the API (200 = up). */
export async function healthy(server: ServerProcess): Promise<boolean> {
  return fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(5000) })
    .then((r) => r.status === 200)
    .catch(() => false);
}

/** Random namespace suffix. */
export function suffix(): string {
  return Math.random().toString(36).slice(2, 8);
}

/** Phase timer of a scenario: `t("server up")` logs the time since the scenario started. */
export function timer(scenario: string): (phase: string) => void {
  const started = Date.now();
  return (phase) => console.log(`[faults] ${scenario}: +${((Date.now() - started) / 1000).toFixed(1)} s ${phase}`);
}

/** Resources of one scenario, released at its end (scenarios of a file may run concurrently). */
export class Scenario {
  private readonly cleanups: (() => Promise<unknown>)[] = [];

  /** Register a cleanup; returns the resource. */
  own<T>(resource: T, cleanup: (resource: T) => Promise<unknown>): T {
    this.cleanups.push(() => cleanup(resource));
    return resource;
  }

  async release(): Promise<void> {
    for (const cleanup of this.cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  }
}

/**
 * The system under test: a real `signalbox serve` process (pinned to the server core), the benchmark flows applied
 * through its REST API, and the sensors paused/resumed around ingest-only measurements.
 */
import type { ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { sleep } from "./clock.ts";
import { ROOT, spawnNode } from "./processes.ts";

/** A running server. */
export interface SignalboxServer {
  url: string;
  token: string;
  dataDir: string;
  child: ChildProcess;
  pid: number;
  logFile: string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Start `signalbox serve --port 0` and wait for `/readyz`. */
export async function startSignalbox(input: {
  core: number | undefined;
  env?: Record<string, string>;
  dataDir?: string;
  logLevel?: string;
  nodeArgs?: string[];
}): Promise<SignalboxServer> {
  const dataDir = input.dataDir ?? mkdtempSync(join(tmpdir(), "sb-bench-"));
  const urlFile = join(dataDir, "api.url");
  if (existsSync(urlFile)) rmSync(urlFile);
  const logFile = join(dataDir, "server.log");
  const child = spawnNode({
    core: input.core,
    args: [
      ...(input.nodeArgs ?? []),
      resolve(ROOT, "apps/server/bin/signalbox.mjs"),
      "serve",
      "--port",
      "0",
      "--data-dir",
      dataDir,
    ],
    env: { SIGNALBOX_LOG_LEVEL: input.logLevel ?? "info", ...input.env },
  });
  const log = createWriteStream(logFile);
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<number | null>((resolveExit) => child.once("exit", (code) => resolveExit(code)));
  const deadline = Date.now() + 90_000;
  let url = "";
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`signalbox serve exited with ${child.exitCode}; see ${logFile}:\n${tail(logFile)}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`signalbox serve did not become ready; see ${logFile}`);
    }
    if (existsSync(urlFile)) {
      url = readFileSync(urlFile, "utf8").trim();
      const ready = await fetch(`${url}/readyz`)
        .then((r) => r.status)
        .catch(() => 0);
      if (ready === 200) break;
    }
    await sleep(100);
  }
  return {
    url,
    token: readFileSync(join(dataDir, "admin.token"), "utf8").trim(),
    dataDir,
    child,
    pid: child.pid ?? 0,
    logFile,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode !== null) return child.exitCode;
      child.kill(signal);
      return exited;
    },
  };
}

function tail(file: string): string {
  try {
    return readFileSync(file, "utf8").slice(-3000);
  } catch {
    return "";
  }
}

/** Call the REST API. */
export async function api(
  server: SignalboxServer,
  input: { method: string; path: string; body?: string; contentType?: string },
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${server.url}${input.path}`, {
    method: input.method,
    headers: {
      authorization: `Bearer ${server.token}`,
      ...(input.body !== undefined ? { "content-type": input.contentType ?? "application/json" } : {}),
    },
    ...(input.body !== undefined ? { body: input.body } : {}),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, body };
}

/** Apply manifests; throws with the API's answer on failure. */
export async function applyManifests(server: SignalboxServer, yaml: string): Promise<unknown> {
  const result = await api(server, {
    method: "POST",
    path: "/api/v1/manifests",
    body: yaml,
    contentType: "application/yaml",
  });
  if (result.status !== 200) throw new Error(`apply failed: ${result.status} ${JSON.stringify(result.body)}`);
  return result.body;
}

/** Pause or resume a sensor. */
export async function setSensorPaused(
  server: SignalboxServer,
  input: { namespace: string; name: string; paused: boolean },
): Promise<void> {
  const action = input.paused ? "pause" : "resume";
  const result = await api(server, {
    method: "POST",
    path: `/api/v1/namespaces/${input.namespace}/sensors/${input.name}/${action}`,
    body: "{}",
  });
  if (result.status >= 300) throw new Error(`${action} failed: ${result.status} ${JSON.stringify(result.body)}`);
}

/** Status conditions of a resource. */
export async function conditions(
  server: SignalboxServer,
  input: { namespace: string; plural: string; name: string },
): Promise<{ type: string; status: string; reason?: string; message?: string }[]> {
  const result = await api(server, {
    method: "GET",
    path: `/api/v1/namespaces/${input.namespace}/${input.plural}/${input.name}`,
  });
  const status = (
    result.body as { status?: { conditions?: { type: string; status: string; reason?: string; message?: string }[] } }
  ).status;
  return status?.conditions ?? [];
}

/** A benchmark flow: which bus, and the manifests of one namespace. */
export interface FlowSpec {
  namespace: string;
  bus: "embedded" | "jetstream" | "kafka";
  webhookPort: number;
  sinkPort: number;
  kafkaBrokers?: string;
}

/**
 * Manifests of a flow namespace: webhook EventSource → Sensor (data filter `body.kind == "bench"`, mapping of
 * `nonce` and `t0` into the body) → HTTP trigger to the sink. Argo's default delivery (at most once).
 */
export function flowManifests(flow: FlowSpec): string {
  const bus =
    flow.bus === "jetstream"
      ? `apiVersion: argoproj.io/v1alpha1
kind: EventBus
metadata: {name: default, namespace: ${flow.namespace}}
spec:
  jetstream:
    version: "2.10.29"
    streamConfig: |
      maxAge: 1h
---
`
      : flow.bus === "kafka"
        ? `apiVersion: argoproj.io/v1alpha1
kind: EventBus
metadata: {name: default, namespace: ${flow.namespace}}
spec:
  kafka:
    url: ${flow.kafkaBrokers ?? ""}
    topic: ${flow.namespace}-bench
---
`
        : "";
  return `${bus}apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: bench, namespace: ${flow.namespace}}
spec:
  webhook:
    in: {port: "${flow.webhookPort}", endpoint: /in, method: POST}
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: bench, namespace: ${flow.namespace}}
spec:
  dependencies:
    - name: d
      eventSourceName: bench
      eventName: in
      filters:
        data:
          - {path: body.kind, type: string, value: ["bench"]}
  triggers:
    - template:
        name: sink
        http:
          url: http://127.0.0.1:${flow.sinkPort}/sink
          method: POST
          payload:
            - {src: {dependencyName: d, dataKey: body.nonce}, dest: nonce}
            - {src: {dependencyName: d, dataKey: body.t0}, dest: t0}
`;
}

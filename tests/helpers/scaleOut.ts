/**
 * Helpers of the scale-out tests: several `signalbox serve` processes on one bus and one PostgreSQL database, webhooks
 * sent to the API-port route of all of them, and the sink's view of what was delivered.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { startServer, type ServerProcess } from "./server.ts";
import type { Sink } from "./sink.ts";

/** A new, empty database on the test PostgreSQL server (admin URL), as a connection URL. */
export async function freshDatabase(adminUrl: string, prefix = "sb_scale"): Promise<string> {
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Start `count` processes sharing `env` (one database); each is added to `tracked` as soon as it runs. */
export async function startProcesses(count: number, env: Record<string, string>, tracked: ServerProcess[]): Promise<ServerProcess[]> {
  const out: ServerProcess[] = [];
  for (let i = 0; i < count; i++) {
    const server = await startServer({ env });
    tracked.push(server);
    out.push(server);
  }
  return out;
}

/** A process' own `argo_events_action_triggered_total` for a sensor (summed over its triggers), 0 when absent. */
export async function triggeredTotal(server: ServerProcess, sensor: string): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  return text
    .split("\n")
    .filter((line) => line.startsWith("argo_events_action_triggered_total{") && line.includes(`sensor_name="${sensor}"`))
    .reduce((sum, line) => sum + Number(line.split(" ").pop()), 0);
}

/**
 * Wait until a process reports the sensor Deployed and answers 200 on the API-port webhook route `<ns>/<route>` (`route` = `source/event`)
 * (the follower learns definitions by polling the shared store; the route answering proves it runs them). Each probe
 * posts `{"n": -1}`, which {@link countsByN} ignores.
 */
export async function waitForSensor(
  server: ServerProcess,
  target: { ns: string; sensor: string; route: string; timeoutMs?: number },
): Promise<void> {
  const { ns, sensor, route, timeoutMs = 60_000 } = target;
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    const response = await fetch(`${server.url}/api/v1/namespaces/${ns}/sensors/${sensor}`, { headers: { authorization: `Bearer ${server.token}` } });
    if (response.ok) {
      const body = (await response.json()) as { status?: { conditions?: { type: string; status: string }[] } };
      last = `sensor conditions ${JSON.stringify(body.status?.conditions ?? [])}`;
      if ((body.status?.conditions ?? []).some((c) => c.type === "Deployed" && c.status === "True")) {
        const probe = await fetch(`${server.url}/api/v1/webhooks/${ns}/${route}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ n: -1 }),
        });
        last = `webhook route answered ${probe.status}: ${(await probe.text()).slice(0, 300)}`;
        if (probe.status === 200) return;
      }
    } else {
      last = `sensor GET answered ${response.status}: ${(await response.text()).slice(0, 300)}`;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${server.url} never ran sensor ${ns}/${sensor} (last: ${last}):\n${server.output().slice(-4000)}`);
}

/**
 * POST `{"n": i}` for i in [0, total) to the API-port webhook route `<ns>/<source>/<event>`, round robin over the processes, `concurrency` at a
 * time. A 200 adds i to `acknowledged`; a 503 (shedding) is retried after 200 ms like a real sender would; a refused
 * connection (a killed process) leaves i unacknowledged, so it is not owed.
 */
export async function sendNumbered(
  servers: readonly ServerProcess[],
  load: { ns: string; route: string; total: number; acknowledged: Set<number>; concurrency?: number },
): Promise<void> {
  const { ns, route, total, acknowledged, concurrency = 16 } = load;
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const n = next++;
        const target = servers[n % servers.length]!;
        try {
          for (let attempt = 0; attempt < 20; attempt++) {
            const response = await fetch(`${target.url}/api/v1/webhooks/${ns}/${route}`, {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify({ n }),
            });
            await response.arrayBuffer();
            if (response.status === 200) acknowledged.add(n);
            if (response.status !== 503) break;
            await new Promise((resolve) => setTimeout(resolve, 200));
          }
        } catch {
          // A killed process: not acknowledged, so not owed.
        }
      }
    }),
  );
}

/** How many times the sink got each `n` (bodies `{"n": …}`), probes (n < 0) left out. */
export function countsByN(sink: Sink): Map<number, number> {
  const map = new Map<number, number>();
  for (const request of sink.requests) {
    const n = Number((JSON.parse(request.body) as { n: string }).n);
    if (n >= 0) map.set(n, (map.get(n) ?? 0) + 1);
  }
  return map;
}

/** Deliveries beyond the first of each `n`. */
export function duplicatesIn(counts: Map<number, number>): number {
  return [...counts.values()].reduce((sum, c) => sum + c - 1, 0);
}

/**
 * SIGTERM: the server exits 0 within 10 s, leaves no child processes, and nothing acknowledged is lost: after a
 * restart every acknowledged event is in the history.
 */
import { execFileSync } from "node:child_process";
import { afterAll, expect, it } from "vitest";
import { apply, freePort, startServer, tempDataDir, type ServerProcess } from "./helpers/server.ts";

let server: ServerProcess | undefined;
afterAll(async () => {
  await server?.stop("SIGKILL");
});

it("drains on SIGTERM, exits 0 within 10 s, and keeps every acknowledged event", async () => {
  const dataDir = tempDataDir("sb-term-");
  server = await startServer({ dataDir });
  const port = await freePort();
  await apply(server, `apiVersion: argoproj.io/v1alpha1\nkind: EventSource\nmetadata: {name: term}\nspec:\n  webhook:\n    in: {port: "${port}", endpoint: /in, method: POST}\n`);
  const acknowledged: string[] = [];
  let sending = true;
  const senders = Array.from({ length: 8 }, async (_, worker) => {
    for (let i = 0; sending; i++) {
      const nonce = `${worker}-${i}`;
      try {
        const response = await fetch(`http://127.0.0.1:${port}/in`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ nonce }) });
        if (response.status === 200) acknowledged.push(nonce);
        else expect([503]).toContain(response.status);
        await response.arrayBuffer();
      } catch {
        return;
      }
    }
  });
  await new Promise((resolve) => setTimeout(resolve, 700));
  const pid = server.process.pid!;
  const started = Date.now();
  const code = await server.stop("SIGTERM");
  sending = false;
  await Promise.all(senders);
  const elapsed = Date.now() - started;
  expect(code).toBe(0);
  expect(elapsed).toBeLessThan(10_000);
  // `ps` exits 1 when nothing matches, which is the answer we want.
  const children = (() => {
    try {
      return execFileSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" }).trim();
    } catch (error) {
      return String((error as { stdout?: string }).stdout ?? "").trim();
    }
  })();
  expect(children).toBe("");
  expect(acknowledged.length).toBeGreaterThan(10);

  server = await startServer({ dataDir });
  const stored = new Set<string>();
  for (let attempt = 0; attempt < 100 && stored.size < acknowledged.length; attempt++) {
    let cursor: string | undefined;
    stored.clear();
    do {
      const page = (await (
        await fetch(`${server.url}/api/v1/events?limit=500${cursor ? `&cursor=${cursor}` : ""}`, { headers: { authorization: `Bearer ${server.token}` } })
      ).json()) as { items: { data: { body: { nonce: string } } }[]; nextCursor: string | null };
      for (const item of page.items) stored.add(item.data.body.nonce);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    if (stored.size < acknowledged.length) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(acknowledged.filter((nonce) => !stored.has(nonce))).toEqual([]);
  console.log(`shutdown test: ${acknowledged.length} acknowledged, exit in ${elapsed} ms, all in history after restart`);
}, 120_000);

import { afterEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../host.ts";
import { WebhookServerPool } from "./servers.ts";

const pools: WebhookServerPool[] = [];
afterEach(async () => {
  for (const pool of pools.splice(0)) await pool.close();
});


describe("webhook server pool", () => {
  it("serves routes, GET /health, and 404 for unknown paths", async () => {
    const pool = new WebhookServerPool({ host: "127.0.0.1", logger: silentLogger });
    pools.push(pool);
    const port = 20000 + Math.floor(Math.random() * 20000);
    await pool.add({ port, endpoint: "/hook", owner: "o", maxBodyBytes: 100, handler: async () => ({ status: 200, body: "success" }) });
    expect(await (await fetch(`http://127.0.0.1:${port}/hook`, { method: "POST", body: "{}" })).text()).toBe("success");
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect([health.status, await health.text()]).toEqual([200, "OK"]);
    expect((await fetch(`http://127.0.0.1:${port}/nope`, { method: "POST", body: "{}" })).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}/hook`, { method: "POST", body: "x".repeat(200) })).status).toBe(413);
  });

  it("refuses a second owner of the same port and path", async () => {
    const pool = new WebhookServerPool({ host: "127.0.0.1", logger: silentLogger });
    pools.push(pool);
    const port = 20000 + Math.floor(Math.random() * 20000);
    const route = { port, endpoint: "/a", maxBodyBytes: 10, handler: async () => ({ status: 200, body: "" }) };
    await pool.add({ ...route, owner: "one" });
    await expect(pool.add({ ...route, owner: "two" })).rejects.toThrow(/already used by one/);
    expect(pool.conflict(port, "/a", "two")).toBe("one");
  });

  it("answers 503 with Retry-After once draining", async () => {
    const pool = new WebhookServerPool({ host: "127.0.0.1", logger: silentLogger });
    pools.push(pool);
    const port = 20000 + Math.floor(Math.random() * 20000);
    await pool.add({ port, endpoint: "/hook", owner: "o", maxBodyBytes: 100, handler: async () => ({ status: 200, body: "success" }) });
    pool.drain();
    const response = await fetch(`http://127.0.0.1:${port}/hook`, { method: "POST", body: "{}" });
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
  });
});

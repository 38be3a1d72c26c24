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

  it("serves HTTPS with the port's certificate and refuses to mix it with plain HTTP on one port", async () => {
    const { execFileSync } = await import("node:child_process");
    const { mkdtempSync, readFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { request } = await import("node:https");
    const dir = mkdtempSync(join(tmpdir(), "sb-webhook-tls-"));
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem"), "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"], { stdio: "ignore" });
    const tls = { cert: readFileSync(join(dir, "cert.pem"), "utf8"), key: readFileSync(join(dir, "key.pem"), "utf8") };
    const pool = new WebhookServerPool({ host: "127.0.0.1", logger: silentLogger });
    pools.push(pool);
    const port = 20000 + Math.floor(Math.random() * 20000);
    await pool.add({ port, endpoint: "/secure", owner: "a", maxBodyBytes: 100, tls, handler: async () => ({ status: 200, body: "success" }) });
    const body = await new Promise<string>((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, path: "/secure", method: "POST", ca: tls.cert }, (res) => {
        let text = "";
        res.on("data", (chunk: Buffer) => (text += chunk.toString()));
        res.on("end", () => resolve(text));
      });
      req.on("error", reject);
      req.end("{}");
    });
    expect(body).toBe("success");
    await expect(pool.add({ port, endpoint: "/plain", owner: "b", maxBodyBytes: 100, handler: async () => ({ status: 200, body: "" }) })).rejects.toThrow(/HTTPS/);
  });
});


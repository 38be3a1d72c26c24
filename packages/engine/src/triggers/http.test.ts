import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger, systemClock } from "../host.ts";
import { httpTrigger } from "./http.ts";
import { redactAction } from "./types.ts";

let server: Server;
let url: string;
let cert: string;
const secrets = new Map<string, string>();
const context = {
  namespace: "default",
  sensorName: "s",
  triggerName: "t",
  secrets: { resolve: async (_ns: string, _kind: string, selector: { name: string; key: string }) => secrets.get(`${selector.name}/${selector.key}`) },
  now: () => new Date(),
};

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "sb-tls-"));
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem"), "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"], { stdio: "ignore" });
  cert = readFileSync(join(dir, "cert.pem"), "utf8");
  secrets.set("tls/ca", cert);
  server = createServer({ cert, key: readFileSync(join(dir, "key.pem")) }, (req, res) => {
    res.writeHead(201).end(`hello ${req.method}`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  url = `https://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/hook`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const run = async (tls?: { caCertSecret?: { name: string; key: string }; insecureSkipVerify?: boolean }) => {
  const action = await httpTrigger.prepare({ url, method: "POST", ...(tls ? { tls } : {}) }, {}, context);
  return { action, result: await httpTrigger.execute(action, { clock: systemClock, logger: silentLogger }) };
};

describe("http trigger TLS", () => {
  it("refuses a certificate it cannot verify", async () => {
    const { result } = await run();
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/certificate|self.signed|SELF_SIGNED/i);
  });

  it("trusts a CA from a Secret, and never records the PEM", async () => {
    const { action, result } = await run({ caCertSecret: { name: "tls", key: "ca" } });
    expect([result.ok, result.status, result.responseExcerpt]).toEqual([true, 201, "hello POST"]);
    expect(JSON.stringify(redactAction(action))).not.toContain("BEGIN CERTIFICATE");
  });

  it("skips verification when insecureSkipVerify is set", async () => {
    const { result } = await run({ insecureSkipVerify: true });
    expect(result.status).toBe(201);
  });
});

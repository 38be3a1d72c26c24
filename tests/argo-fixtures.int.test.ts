/**
 * "Same manifests → same requests at the same sinks": runs every fixture under `tests/fixtures/argo/` (see its
 * README) against ONE real `signalbox serve` process. Each fixture gets its own namespace, webhook port and sink
 * prefix; its webhooks are sent as written and the requests reaching the sinks are compared byte for byte with the
 * hand-written `expected.json`. A fixture that needs a feature Signalbox lacks fails; none is skipped.
 */
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { z } from "zod";
import { apply, freePort, startServer, type ServerProcess } from "./helpers/server.ts";
import { startSink, type Sink, type SinkRequest } from "./helpers/sink.ts";

const fixturesDir = join(import.meta.dirname, "fixtures/argo");
const nonce = randomBytes(3).toString("hex");

const WebhookInput = z.strictObject({
  method: z.string(),
  path: z.string(),
  headers: z.record(z.string(), z.string()),
  body: z.string(),
  delayMs: z.number().int().nonnegative().optional(),
  expect: z.strictObject({ status: z.number().int(), body: z.string() }),
});
const Inputs = z.strictObject({ description: z.string(), webhooks: z.array(WebhookInput) });

const ExpectedRequest = z.strictObject({
  sink: z.enum(["200", "500"]).optional(),
  method: z.string(),
  path: z.string(),
  headers: z.record(z.string(), z.string()),
  absentHeaders: z.array(z.string()).optional(),
  body: z.string(),
});
type ExpectedRequest = z.infer<typeof ExpectedRequest>;
const Expected = z.strictObject({
  requests: z.array(ExpectedRequest).min(1),
  atLeast: z.boolean().optional(),
  settleMs: z.number().int().nonnegative().optional(),
  notes: z.unknown().optional(),
});

interface Fixture {
  name: string;
  manifests: string;
  inputs: z.infer<typeof Inputs>;
  expected: z.infer<typeof Expected>;
}

const fixtures: Fixture[] = readdirSync(fixturesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort()
  .map((name) => ({
    name,
    manifests: readFileSync(join(fixturesDir, name, "manifests.yaml"), "utf8"),
    inputs: Inputs.parse(JSON.parse(readFileSync(join(fixturesDir, name, "inputs.json"), "utf8"))),
    expected: Expected.parse(JSON.parse(readFileSync(join(fixturesDir, name, "expected.json"), "utf8"))),
  }));

interface Result {
  pass: boolean;
  problems: string[];
  ms: number;
}

let server: ServerProcess;
let sinkOk: Sink;
let sinkFailing: Sink;
const results = new Map<string, Promise<Result>>();
const settled = new Map<string, Result>();

beforeAll(async () => {
  [server, sinkOk, sinkFailing] = await Promise.all([startServer(), startSink(), startSink()]);
  sinkFailing.respondWith(500);
  // Fixtures run concurrently (a few at a time: the machine is shared and small).
  const queue = [...fixtures];
  const slots = 6;
  const gates: Promise<void>[] = [];
  for (let slot = 0; slot < slots; slot++) gates.push(Promise.resolve());
  queue.forEach((fixture, index) => {
    const slot = index % slots;
    const run = (gates[slot] ?? Promise.resolve()).then(() => runFixture(fixture));
    gates[slot] = run.then(
      () => undefined,
      () => undefined,
    );
    const recorded = run.catch((error: unknown) => ({
      pass: false,
      problems: [`runner error: ${String(error)}`],
      ms: 0,
    }));
    results.set(fixture.name, recorded);
    void recorded.then((result) => settled.set(fixture.name, result));
  });
}, 120_000);

afterAll(async () => {
  await Promise.allSettled([...results.values()]);
  const width = Math.max(...fixtures.map((f) => f.name.length));
  const lines = fixtures.map((f) => {
    const result = settled.get(f.name);
    const verdict = result ? (result.pass ? "pass" : "FAIL") : "----";
    const detail = result && !result.pass ? `  ${result.problems[0] ?? ""}` : "";
    return `${f.name.padEnd(width)}  ${verdict}  ${String(result?.ms ?? 0).padStart(6)} ms${detail}`;
  });
  const passed = [...settled.values()].filter((r) => r.pass).length;
  console.log(`\nArgo example fixtures (${passed}/${fixtures.length} pass)\n${lines.join("\n")}\n`);
  await server?.stop();
  await Promise.all([sinkOk?.close(), sinkFailing?.close()]);
});

describe("Argo Events example fixtures: same manifests → same requests at the same sinks", () => {
  it("has fixtures", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(20);
  });

  it.each(fixtures.map((f) => f.name))("%s", async (name) => {
    const result = await results.get(name);
    expect(result?.problems ?? ["not run"], name).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------------

const authed = () => ({ authorization: `Bearer ${server.token}` });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `HH:MM:SS` of now + offset, in UTC or an IANA zone. */
function clockTime(offsetSeconds: number, zone = "UTC"): string {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: zone,
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(Date.now() + offsetSeconds * 1000));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "00";
  return `${get("hour")}:${get("minute")}:${get("second")}`;
}

function substitute(text: string, vars: { port: number; sink: string; sink500: string }): string {
  return text
    .replaceAll("${WEBHOOK_PORT}", String(vars.port))
    .replaceAll("${SINK_500}", vars.sink500)
    .replaceAll("${SINK}", vars.sink)
    .replace(/\$\{TIME_HMS:(-?\d+)(?::([A-Za-z_/+-]+))?\}/g, (_, offset: string, zone: string | undefined) =>
      clockTime(Number(offset), zone),
    );
}

/** Put every document in the fixture's namespace; keep everything else as written. */
function inNamespace(
  manifests: string,
  namespace: string,
): { yaml: string; resources: { kind: string; name: string }[] } {
  const resources: { kind: string; name: string }[] = [];
  const docs = parseAllDocuments(manifests).filter((doc) => doc.contents !== null);
  for (const doc of docs) {
    if (doc.errors.length > 0) throw new Error(`manifests.yaml: ${doc.errors.map((e) => e.message).join("; ")}`);
    doc.setIn(["metadata", "namespace"], namespace);
    resources.push({ kind: String(doc.get("kind")), name: String(doc.getIn(["metadata", "name"])) });
  }
  return { yaml: docs.map((doc) => doc.toString()).join("---\n"), resources };
}

const plural: Record<string, string> = { EventSource: "eventsources", Sensor: "sensors", EventBus: "eventbuses" };

async function waitReady(namespace: string, resource: { kind: string; name: string }): Promise<void> {
  const kind = plural[resource.kind];
  if (!kind) return;
  const deadline = Date.now() + 60_000;
  let last = "";
  while (Date.now() < deadline) {
    const response = await fetch(`${server.url}/api/v1/namespaces/${namespace}/${kind}/${resource.name}`, {
      headers: authed(),
    });
    if (response.ok) {
      const body = (await response.json()) as { status?: { summary?: string; conditions?: unknown } };
      if (body.status?.summary === "Ready") return;
      last = JSON.stringify(body.status);
      if (body.status?.summary === "Failed") break;
    } else last = `${response.status} ${await response.text()}`;
    await sleep(200);
  }
  throw new Error(`${resource.kind} ${resource.name} not Ready: ${last}`);
}

async function waitHealth(port: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const status = await fetch(`http://127.0.0.1:${port}/health`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    await sleep(100);
  }
  throw new Error(`webhook port ${port} never answered /health`);
}

/** Send exactly these bytes and headers (plus Host, Connection: close, Content-Length). */
function send(
  port: number,
  input: z.infer<typeof WebhookInput>,
  body: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const payload = Buffer.from(body);
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port,
        method: input.method,
        path: input.path,
        agent: false,
        headers: { ...input.headers, Connection: "close", "Content-Length": String(payload.length) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

interface StoredEvent {
  id: string;
  time: string;
}

async function namespaceEvents(namespace: string): Promise<StoredEvent[]> {
  const response = await fetch(`${server.url}/api/v1/events?namespace=${namespace}&limit=500`, { headers: authed() });
  if (!response.ok) return [];
  const body = (await response.json()) as { items?: StoredEvent[] };
  return body.items ?? [];
}

const TOKEN = /\$\{(EVENT_ID|TIME|CALENDAR_TIME)\}/g;
const TOKEN_PATTERN: Record<string, string> = {
  EVENT_ID: "([0-9a-f]{32})",
  TIME: "(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z)",
  CALENDAR_TIME:
    "(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})? [+-]\\d{4} [A-Za-z0-9+-]+(?: m=[+-]\\d+\\.\\d{9})?)",
};

/** The expected body as a regex (literal bytes, tokens as groups) and the token names in order. */
function bodyMatcher(body: string): { regex: RegExp; tokens: string[] } {
  const tokens: string[] = [];
  let source = "";
  let last = 0;
  for (const match of body.matchAll(TOKEN)) {
    source += escapeRegex(body.slice(last, match.index));
    const token = match[1] ?? "";
    tokens.push(token);
    source += TOKEN_PATTERN[token] ?? "";
    last = (match.index ?? 0) + match[0].length;
  }
  source += escapeRegex(body.slice(last));
  return { regex: new RegExp(`^${source}$`, "s"), tokens };
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const wholeSecondsUtc = (time: string) => `${new Date(Date.parse(time)).toISOString().slice(0, 19)}Z`;

/** Where a fixture's requests arrive, and the events of its namespace (for token checks). */
interface MatchContext {
  prefix: string;
  events: StoredEvent[];
}

/** Why `actual` is not `expected` (empty when it is). */
function mismatches(
  expected: ExpectedRequest,
  actual: SinkRequest & { sink: "200" | "500" },
  { prefix, events }: MatchContext,
): string[] {
  const problems: string[] = [];
  if ((expected.sink ?? "200") !== actual.sink)
    problems.push(`sink ${actual.sink}, expected ${expected.sink ?? "200"}`);
  if (actual.method !== expected.method) problems.push(`method ${actual.method}, expected ${expected.method}`);
  if (actual.path !== prefix + expected.path) problems.push(`path ${actual.path}, expected ${prefix + expected.path}`);
  for (const [name, value] of Object.entries(expected.headers)) {
    if (actual.headers[name] !== value)
      problems.push(`header ${name}: ${JSON.stringify(actual.headers[name])}, expected ${JSON.stringify(value)}`);
  }
  for (const name of expected.absentHeaders ?? []) {
    if (actual.headers[name] !== undefined)
      problems.push(`header ${name} was sent (${JSON.stringify(actual.headers[name])}), expected none`);
  }
  const { regex, tokens } = bodyMatcher(expected.body);
  const match = regex.exec(actual.body);
  if (!match) problems.push(`body ${JSON.stringify(actual.body)}, expected ${JSON.stringify(expected.body)}`);
  else {
    tokens.forEach((token, i) => {
      const value = match[i + 1] ?? "";
      if (token === "EVENT_ID" && !events.some((e) => e.id === value))
        problems.push(`\${EVENT_ID} ${value} is not an event of the fixture's namespace`);
      if (token === "TIME" && !events.some((e) => wholeSecondsUtc(e.time) === value))
        problems.push(`\${TIME} ${value} is no event's time in whole seconds`);
    });
  }
  return problems;
}

/** Assign each expected request a distinct actual one (any order); returns the unmatched expectations' problems. */
function assign(
  expected: ExpectedRequest[],
  actual: (SinkRequest & { sink: "200" | "500" })[],
  context: MatchContext,
): string[] {
  const fits = expected.map((e) => actual.map((a) => mismatches(e, a, context).length === 0));
  const used = new Set<number>();
  const order: number[] = [];
  const solve = (i: number): boolean => {
    if (i === expected.length) return true;
    for (let j = 0; j < actual.length; j++) {
      if (used.has(j) || !fits[i]?.[j]) continue;
      used.add(j);
      order[i] = j;
      if (solve(i + 1)) return true;
      used.delete(j);
    }
    return false;
  };
  if (solve(0)) return [];
  // Report each expectation that fits no request, with the nearest request on the same path.
  const problems: string[] = [];
  expected.forEach((e, i) => {
    if (fits[i]?.some(Boolean)) return;
    const samePath = actual.find((a) => a.path === context.prefix + e.path) ?? actual[0];
    const why = samePath ? mismatches(e, samePath, context).join("; ") : "no request at all";
    problems.push(`no request matches expected #${i + 1} (${e.method} ${e.path}): ${why}`);
  });
  if (problems.length === 0) problems.push("expected requests match only overlapping actual requests");
  return problems;
}

async function runFixture(fixture: Fixture): Promise<Result> {
  const started = Date.now();
  const problems: string[] = [];
  const namespace = `${fixture.name}-${nonce}`.slice(0, 63);
  const prefix = `/${fixture.name}`;
  const port = await freePort();
  const vars = { port, sink: `${sinkOk.url}${prefix}`, sink500: `${sinkFailing.url}${prefix}` };
  const ours = () => [
    ...sinkOk.requests
      .filter((r) => r.path.startsWith(`${prefix}/`) || r.path === prefix)
      .map((r) => ({ ...r, sink: "200" as const })),
    ...sinkFailing.requests
      .filter((r) => r.path.startsWith(`${prefix}/`) || r.path === prefix)
      .map((r) => ({ ...r, sink: "500" as const })),
  ];

  const { yaml, resources } = inNamespace(substitute(fixture.manifests, vars), namespace);
  try {
    await apply(server, yaml);
  } catch (error) {
    return {
      pass: false,
      problems: [String(error instanceof Error ? error.message : error)],
      ms: Date.now() - started,
    };
  }
  try {
    for (const resource of resources) await waitReady(namespace, resource);
    if (fixture.inputs.webhooks.length > 0) await waitHealth(port);
  } catch (error) {
    return {
      pass: false,
      problems: [String(error instanceof Error ? error.message : error)],
      ms: Date.now() - started,
    };
  }

  for (const [i, input] of fixture.inputs.webhooks.entries()) {
    if (input.delayMs) await sleep(input.delayMs);
    const response = await send(port, input, substitute(input.body, vars)).catch((error: unknown) => ({
      status: 0,
      body: String(error),
    }));
    if (response.status !== input.expect.status || response.body !== input.expect.body) {
      problems.push(
        `webhook #${i + 1} ${input.method} ${input.path}: answered ${response.status} ${JSON.stringify(response.body)}, expected ${input.expect.status} ${JSON.stringify(input.expect.body)}`,
      );
    }
  }

  const want = fixture.expected.requests.length;
  const deadline = Date.now() + 60_000;
  while (ours().length < want && Date.now() < deadline) await sleep(100);
  await sleep(fixture.expected.settleMs ?? 1500);
  const actual = ours();
  let events = await namespaceEvents(namespace);
  // The history is written off the acknowledgement path: give it a moment if a token refers to a missing event.
  for (
    let i = 0;
    i < 20 && assign(fixture.expected.requests, actual, { prefix, events }).length > 0 && actual.length >= want;
    i++
  ) {
    await sleep(250);
    events = await namespaceEvents(namespace);
  }
  if (actual.length < want) problems.push(`only ${actual.length} of ${want} expected requests arrived`);
  if (!fixture.expected.atLeast && actual.length > want) {
    problems.push(
      `${actual.length - want} unexpected extra request(s): ${actual.map((r) => `${r.method} ${r.path} ${r.body}`).join(" | ")}`,
    );
  }
  problems.push(...assign(fixture.expected.requests, actual, { prefix, events }));
  return { pass: problems.length === 0, problems, ms: Date.now() - started };
}

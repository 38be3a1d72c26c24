import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { closeJq, compileJq, runJqTransform } from "./jq.ts";

const JqVector = z.object({
  name: z.string(),
  section: z.literal("§5.5"),
  program: z.string(),
  input: z.string().nullable(),
  expected: z.string().nullable().optional(),
  error: z.literal(true).optional(),
  argoError: z.string().optional(),
  /** Set on vectors where we knowingly differ from Argo; the test then asserts that we still differ. */
  divergence: z.string().optional(),
});

const vectors = z.array(JqVector).parse(JSON.parse(readFileSync(new URL("./vectors/jq.json", import.meta.url), "utf8")));

afterAll(async () => {
  await closeJq();
});

async function check(vector: z.infer<typeof JqVector>): Promise<void> {
    const result = await runJqTransform(vector.program, vector.input ?? undefined);
    if (vector.error === true) {
      expect(result.ok, JSON.stringify(result)).toBe(false);
    } else if (vector.expected === null) {
      expect(result).toEqual({ ok: true, changed: false });
    } else {
      expect(result).toMatchObject({ ok: true, changed: true, json: vector.expected });
    }
}

describe("runJqTransform matches Argo Events (gojq v0.12.19 + json.Marshal)", () => {
  it.each(vectors.filter((vector) => vector.divergence === undefined))("$name", check);
});

describe("runJqTransform known divergences from gojq (fails until fixed)", () => {
  it.fails.each(vectors.filter((vector) => vector.divergence !== undefined))("$name", check);
});

describe("jq limits", () => {
  it("stops a program that never ends and recovers for the next call", async () => {
    const endless = await runJqTransform("def f: f; f", "{}", { timeoutMs: 300 });
    expect(endless).toEqual({ ok: false, error: "jq program exceeded the time limit of 300 ms" });
    expect(await runJqTransform(".a = 1", "{}")).toMatchObject({ ok: true, json: '{"a":1}' });
  });

  it("rejects a program that closes the wrapper's parenthesis", async () => {
    expect((await runJqTransform(".a) | (.b", "{}")).ok).toBe(false);
  });
});

describe("compileJq", () => {
  it("accepts the spec example", async () => {
    expect(await compileJq(".body.message *= 2")).toMatchObject({ ok: true, program: { source: ".body.message *= 2" } });
  });

  it("rejects a syntax error and an unknown function", async () => {
    expect((await compileJq(".a |")).ok).toBe(false);
    expect((await compileJq("nosuchfunction")).ok).toBe(false);
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { executeTemplate, parseTemplate, SUPPORTED_TEMPLATE_FUNCTIONS, TemplateExecError } from "./index.ts";

const TemplateVector = z.union([
  z.object({
    name: z.string(),
    section: z.enum(["§5.4", "§7.2", "§7.5"]),
    template: z.string(),
    input: z.unknown(),
    expected: z.string(),
  }),
  z.object({
    name: z.string(),
    section: z.enum(["§5.4", "§7.2", "§7.5"]),
    template: z.string(),
    input: z.unknown(),
    error: z.literal(true),
  }),
]);

const vectors = z
  .array(TemplateVector)
  .parse(JSON.parse(readFileSync(new URL("../vectors/template.json", import.meta.url), "utf8")));

/** Functions whose output depends on the clock or on randomness; their shape is tested in exec.test.ts. */
const NON_DETERMINISTIC = new Set([
  "ago",
  "now",
  "randAlpha",
  "randAlphaNum",
  "randAscii",
  "randBytes",
  "randInt",
  "randNumeric",
  "shuffle",
  "uuidv4",
]);

/** Runs a vector the way Argo Events does: dot is `{ Input: <decoded input> }`. */
function run(template: string, input: unknown): { ok: true; out: string } | { ok: false } {
  const parsed = parseTemplate(template);
  if (!parsed.ok) return { ok: false };
  try {
    return { ok: true, out: executeTemplate(parsed.template, { Input: input }) };
  } catch (e) {
    expect(e).toBeInstanceOf(TemplateExecError);
    return { ok: false };
  }
}

describe("template vectors from Go text/template + sprig v3.3.0", () => {
  it("has a vector for every case name once", () => {
    expect(new Set(vectors.map((v) => v.name)).size).toBe(vectors.length);
    expect(vectors.length).toBeGreaterThanOrEqual(400);
  });

  it("calls every deterministic supported function in at least one vector", () => {
    const called = new Set(vectors.flatMap((v) => v.template.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []));
    const missing = SUPPORTED_TEMPLATE_FUNCTIONS.filter((f) => !NON_DETERMINISTIC.has(f) && !called.has(f));
    expect(missing).toEqual([]);
  });

  it.each(vectors)("$name", (v) => {
    const result = run(v.template, v.input);
    if ("error" in v) expect(result).toEqual({ ok: false });
    else expect(result).toEqual({ ok: true, out: v.expected });
  });
});

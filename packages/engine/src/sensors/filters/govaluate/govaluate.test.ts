import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { GovaluateParseError, compileGovaluate, evaluateGovaluate, referencedVariables } from "./index.ts";

const vectorSchema = z.object({
  name: z.string(),
  section: z.literal("§5.4"),
  expression: z.string(),
  parameters: z.record(z.string(), z.unknown()),
  expected: z.unknown().optional(),
  goType: z.string().optional(),
  error: z.literal(true).optional(),
  phase: z.enum(["compile", "evaluate", "panic"]).optional(),
  message: z.string().optional(),
});
type Vector = z.infer<typeof vectorSchema>;

const vectors: Vector[] = z
  .array(vectorSchema)
  .parse(JSON.parse(readFileSync(new URL("../vectors/govaluate.json", import.meta.url), "utf8")));

/** Vectors encode non-finite floats as `{"$float": "+Inf"}` (JSON has no such numbers). */
function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value !== null && typeof value === "object") {
    const tagged = (value as { $float?: string }).$float;
    if (tagged !== undefined) return { NaN: NaN, "+Inf": Infinity, "-Inf": -Infinity, "-0": -0 }[tagged];
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decode(v)]));
  }
  return value;
}

function run(vector: Vector) {
  const compiled = compileGovaluate(vector.expression);
  if (!compiled.ok) return { compiled, result: undefined };
  return { compiled, result: evaluateGovaluate(compiled.expression, vector.parameters) };
}

describe("govaluate vectors (generated with github.com/Knetic/govaluate 9aa49832a739)", () => {
  it("has at least 60 cases", () => {
    expect(vectors.length).toBeGreaterThanOrEqual(60);
  });

  it.each(vectors.filter((v) => !v.error).map((v) => [v.name, v] as const))("%s", (_name, vector) => {
    const { compiled, result } = run(vector);
    expect(compiled.ok).toBe(true);
    expect(result).toEqual({ ok: true, value: decode(vector.expected) });
  });

  it.each(vectors.filter((v) => v.error).map((v) => [v.name, v] as const))("%s", (_name, vector) => {
    const { compiled, result } = run(vector);
    if (vector.phase === "compile") {
      expect(compiled.ok).toBe(false);
      if (!compiled.ok) expect(compiled.error.message).toBe(vector.message);
      return;
    }
    expect(compiled.ok).toBe(true);
    expect(result?.ok).toBe(false);
    // Messages are govaluate's own; Go runtime panics only need to be errors.
    if (vector.phase === "evaluate" && result && !result.ok) expect(result.error).toBe(vector.message);
  });
});

describe("compileGovaluate", () => {
  it("returns a typed parse error with the position of the offending token", () => {
    const compiled = compileGovaluate("a == 1 $ 2");
    expect(compiled.ok).toBe(false);
    if (compiled.ok) return;
    expect(compiled.error).toBeInstanceOf(GovaluateParseError);
    expect(compiled.error.code).toBe("VALIDATION");
    expect(compiled.error.position).toBe(7);
    expect(compiled.error.message).toBe("Invalid token: '$'");
  });

  it("reports a trailing backslash as a parse error instead of crashing like Go", () => {
    const compiled = compileGovaluate("[a\\");
    expect(compiled.ok).toBe(false);
  });

  it("rejects absurdly deep nesting without throwing", () => {
    const source = `${"(".repeat(20000)}1${")".repeat(20000)}`;
    const compiled = compileGovaluate(source);
    if (compiled.ok) expect(evaluateGovaluate(compiled.expression, {}).ok).toBeTypeOf("boolean");
    else expect(compiled.error).toBeInstanceOf(GovaluateParseError);
  });
});

describe("referencedVariables", () => {
  it("lists each variable once in first-use order, escaped names unescaped", () => {
    const compiled = compileGovaluate("b > 1 && [x-y] == 2 || b < 0 && x\\-z");
    expect(compiled.ok && referencedVariables(compiled.expression)).toEqual(["b", "x-y", "x-z"]);
  });

  it("does not count accessors or string contents as variables", () => {
    const compiled = compileGovaluate('a.B == "c"');
    expect(compiled.ok && referencedVariables(compiled.expression)).toEqual([]);
  });
});

describe("evaluateGovaluate", () => {
  it("treats a bigint parameter as a float64 and an undefined one as nil", () => {
    const compiled = compileGovaluate("a + 1 == 3 && b == nil2");
    expect(compiled.ok && evaluateGovaluate(compiled.expression, { a: 2n, b: undefined, nil2: null })).toEqual({
      ok: true,
      value: true,
    });
  });

  it("never throws on arbitrary source text and parameters", () => {
    const fragments = fc.constantFrom(
      "a",
      "b",
      "s",
      "[x-y]",
      "1",
      "2.5",
      "0x1F",
      "'s'",
      '"2021-01-02"',
      "true",
      "(",
      ")",
      ",",
      "?",
      ":",
      "??",
      "+",
      "-",
      "*",
      "**",
      "/",
      "%",
      "&",
      "|",
      "^",
      "<<",
      ">>",
      "==",
      "!=",
      "<",
      ">=",
      "=~",
      "!~",
      "in",
      "&&",
      "||",
      "!",
      "~",
      " ",
      "a.B",
      "\\",
      "0x",
      '"',
    );
    const source = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.array(fragments, { maxLength: 12 }).map((parts) => parts.join(" ")),
    );
    const parameters = fc.dictionary(fc.constantFrom("a", "b", "s", "x-y"), fc.jsonValue({ maxDepth: 2 }));
    fc.assert(
      fc.property(source, parameters, (text, params) => {
        const compiled = compileGovaluate(text);
        if (compiled.ok) {
          const result = evaluateGovaluate(compiled.expression, params);
          expect(typeof result.ok).toBe("boolean");
        } else {
          expect(compiled.error).toBeInstanceOf(GovaluateParseError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

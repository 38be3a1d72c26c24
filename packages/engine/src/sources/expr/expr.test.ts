import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { sourceFilterEnv } from "./env.ts";
import { ExprParseError, compileExpr, evaluateExpr, evaluateGo, evaluateSourceFilter } from "./index.ts";
import { goTypeOf } from "./runtime.ts";

const vectorSchema = z.object({
  name: z.string(),
  section: z.literal("§4.3"),
  expression: z.string(),
  payload: z.string(),
  expected: z.boolean().optional(),
  error: z.literal(true).optional(),
  phase: z.enum(["compile", "evaluate", "payload", "result"]).optional(),
  message: z.string().optional(),
  value: z.unknown().optional(),
  goType: z.string().optional(),
});
type Vector = z.infer<typeof vectorSchema>;

const vectors: Vector[] = z
  .array(vectorSchema)
  .parse(JSON.parse(readFileSync(new URL("./vectors/expr.json", import.meta.url), "utf8")));

/** A stand-in for the host's sprig map; `env` must never reach expressions. */
const functions = {
  upper: (s: unknown) => String(s).toUpperCase(),
  env: () => "/root",
};

/** Vectors encode Go ints as `{"$int": "3"}`. */
function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value !== null && typeof value === "object") {
    const int = (value as { $int?: string }).$int;
    if (int !== undefined) return BigInt(int);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decode(v)]));
  }
  return value;
}

describe("expr vectors (generated with github.com/antonmedv/expr v1.15.5 and Argo Events' filter environment)", () => {
  it("has at least 40 cases", () => {
    expect(vectors.length).toBeGreaterThanOrEqual(40);
  });

  it.each(vectors.map((v) => [v.name, v] as const))("%s", (_name, vector) => {
    const compiled = compileExpr(vector.expression);
    if (vector.phase === "compile") {
      expect(compiled.ok).toBe(false);
      if (!compiled.ok) expect(compiled.error).toBeInstanceOf(ExprParseError);
      return;
    }
    expect(compiled.ok).toBe(true);
    if (!compiled.ok) return;
    const verdict = evaluateSourceFilter(compiled.expression, vector.payload, { functions });
    if (vector.error) {
      expect(verdict.match).toBe(false);
      expect(verdict.reason).not.toMatch(/^expression is (true|false)$/);
    } else {
      expect(verdict).toEqual({ match: vector.expected, reason: `expression is ${String(vector.expected)}` });
    }
    if (vector.value !== undefined) {
      const raw = evaluateGo(compiled.expression, sourceFilterEnv(vector.payload, functions));
      expect(raw.ok).toBe(true);
      if (raw.ok) {
        expect(raw.value).toEqual(decode(vector.value));
        expect(goTypeOf(raw.value)).toBe(vector.goType);
      }
    }
  });
});

describe("compileExpr", () => {
  it("returns a typed parse error with expr's position and snippet", () => {
    const compiled = compileExpr('body.name == "Joe');
    expect(compiled.ok).toBe(false);
    if (compiled.ok) return;
    expect(compiled.error).toBeInstanceOf(ExprParseError);
    expect(compiled.error.code).toBe("VALIDATION");
    expect([compiled.error.line, compiled.error.column]).toEqual([1, 18]);
    expect(compiled.error.message).toBe('literal not terminated (1:18)\n | body.name == "Joe\n | .................^');
  });

  it("rejects the date and sort builtins it does not implement", () => {
    for (const source of ["now() > 1", 'date("2021-01-01") != nil', "sort([2, 1])[0] == 1", "groupBy([1], #)"]) {
      expect(compileExpr(source).ok).toBe(false);
    }
  });
});

describe("evaluateExpr", () => {
  it("returns plain JS values: Go ints as numbers, typed slices as arrays", () => {
    const compiled = compileExpr('[len(xs), 1..3, split("a,b", ","), m.k]');
    expect(compiled.ok && evaluateExpr(compiled.expression, { xs: [1, 2], m: { k: 1.5 } })).toEqual({
      ok: true,
      value: [2, [1, 2, 3], ["a", "b"], 1.5],
    });
  });

  it("treats a bigint in the environment as a Go int", () => {
    const compiled = compileExpr("n % 2 == 1 && f % 2 == 1");
    expect(compiled.ok && evaluateExpr(compiled.expression, { n: 3n, f: 3 })).toEqual({
      ok: false,
      error: "invalid operation: float64 % int",
    });
  });

  it("calls host functions with plain values", () => {
    const compiled = compileExpr("twice(len(xs)) == 4");
    expect(
      compiled.ok && evaluateExpr(compiled.expression, { xs: [1, 2], twice: (n: unknown) => Number(n) * 2 }),
    ).toEqual({ ok: true, value: true });
  });
});

describe("evaluateSourceFilter", () => {
  it("accepts already-decoded data and bytes as well as JSON text", () => {
    const compiled = compileExpr("body.id == 4 && x_y");
    if (!compiled.ok) throw compiled.error;
    expect(evaluateSourceFilter(compiled.expression, { body: { id: 4 }, "x-y": true }).match).toBe(true);
    expect(
      evaluateSourceFilter(compiled.expression, new TextEncoder().encode('{"body":{"id":4},"x-y":true}')).match,
    ).toBe(true);
  });

  it("drops an event whose key starts with a dot (Argo recurses forever on it)", () => {
    const compiled = compileExpr("true");
    if (!compiled.ok) throw compiled.error;
    expect(evaluateSourceFilter(compiled.expression, '{".a": 1}').match).toBe(false);
  });

  it("never throws on arbitrary expressions and payloads", () => {
    const fragments = fc.constantFrom(
      "body",
      ".",
      "?.",
      "id",
      "name",
      "tags",
      "[0]",
      "[",
      "]",
      "(",
      ")",
      "{",
      "}",
      ",",
      ":",
      "?",
      "??",
      "+",
      "-",
      "*",
      "/",
      "%",
      "**",
      "==",
      "!=",
      "<",
      ">=",
      "!",
      "not",
      "in",
      "and",
      "or",
      "&&",
      "||",
      "matches",
      "contains",
      "#",
      "#index",
      "..",
      "1",
      "2.5",
      '"s"',
      "'x'",
      "true",
      "nil",
      "len",
      "all",
      "map",
      "filter",
      "upper",
      "asInt",
      "toJson",
      "jsonpath",
      "sprig.upper",
      "$env",
      "let",
      "=",
      ";",
      " ",
    );
    const source = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.array(fragments, { maxLength: 14 }).map((parts) => parts.join(" ")),
    );
    const payload = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      fc.record({ body: fc.record({ id: fc.integer(), name: fc.string(), tags: fc.array(fc.string()) }) }),
      fc.string({ maxLength: 20 }),
    );
    fc.assert(
      fc.property(source, payload, (text, data) => {
        const compiled = compileExpr(text);
        if (!compiled.ok) {
          expect(compiled.error).toBeInstanceOf(ExprParseError);
          return;
        }
        const verdict = evaluateSourceFilter(compiled.expression, data, { functions });
        expect(typeof verdict.match).toBe("boolean");
        expect(typeof evaluateExpr(compiled.expression, { body: { id: 1 } }).ok).toBe("boolean");
      }),
      { numRuns: 2000 },
    );
  });
});

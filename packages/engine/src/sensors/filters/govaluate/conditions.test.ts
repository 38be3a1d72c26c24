import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ConditionsError, compileConditions, conditionsHasAnd, evaluateConditions } from "./index.ts";

const vectorSchema = z.object({
  name: z.string(),
  section: z.literal("§5.1"),
  conditions: z.string(),
  dependencies: z.array(z.string()),
  held: z.array(z.string()),
  expected: z.boolean().optional(),
  expression: z.string().optional(),
  referenced: z.array(z.string()).optional(),
  hasAnd: z.boolean().optional(),
  error: z.literal(true).optional(),
  step: z.enum(["translate", "compile", "dependencies"]).optional(),
  message: z.string().optional(),
});
type Vector = z.infer<typeof vectorSchema>;

const vectors: Vector[] = z
  .array(vectorSchema)
  .parse(JSON.parse(readFileSync(new URL("../vectors/conditions.json", import.meta.url), "utf8")));

describe("trigger conditions vectors (Argo Events translation + govaluate, run in Go)", () => {
  it("has at least 15 cases", () => {
    expect(vectors.length).toBeGreaterThanOrEqual(15);
  });

  it.each(vectors.filter((v) => !v.error).map((v) => [v.name, v] as const))("%s", (_name, vector) => {
    const compiled = compileConditions(vector.conditions, vector.dependencies);
    expect(compiled.ok).toBe(true);
    if (!compiled.ok) return;
    expect(compiled.conditions.expression).toBe(vector.expression);
    expect(compiled.conditions.dependencies).toEqual(vector.referenced);
    expect(compiled.conditions.hasAnd).toBe(vector.hasAnd);
    expect(conditionsHasAnd(compiled.conditions.expression)).toBe(vector.hasAnd);
    expect(evaluateConditions(compiled.conditions, new Set(vector.held))).toBe(vector.expected);
  });

  it.each(vectors.filter((v) => v.error).map((v) => [v.name, v] as const))("%s", (_name, vector) => {
    const compiled = compileConditions(vector.conditions, vector.dependencies);
    expect(compiled.ok).toBe(false);
    if (compiled.ok) return;
    expect(compiled.error).toBeInstanceOf(ConditionsError);
    expect(compiled.error.step).toBe(vector.step);
    expect(compiled.error.message).toBe(vector.message);
  });
});

describe("conditionsHasAnd", () => {
  it("looks for the && token, not for the text inside names", () => {
    expect(conditionsHasAnd("dep-a && dep-b")).toBe(true);
    expect(conditionsHasAnd("(a || b)")).toBe(false);
    expect(conditionsHasAnd("a")).toBe(false);
  });

  it("falls back to a plain search when the text does not tokenise", () => {
    expect(conditionsHasAnd("a && (b")).toBe(true);
    expect(conditionsHasAnd("a || (b")).toBe(false);
  });
});

describe("evaluateConditions", () => {
  it("only looks at the dependencies the expression references", () => {
    const compiled = compileConditions("a || b", ["a", "b", "c"]);
    expect(compiled.ok && compiled.conditions.dependencies).toEqual(["a", "b"]);
    expect(compiled.ok && evaluateConditions(compiled.conditions, new Set(["c"]))).toBe(false);
  });

  it("never throws on arbitrary conditions and dependency names", () => {
    const name = fc.oneof(
      fc.constantFrom("dep01", "dep-a", "dep_a", "count", "in", "x.y"),
      fc.string({ maxLength: 8 }),
    );
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }),
        fc.array(name, { maxLength: 5 }),
        fc.array(name, { maxLength: 5 }),
        (conditions, deps, held) => {
          const compiled = compileConditions(conditions, deps);
          if (compiled.ok) expect(typeof evaluateConditions(compiled.conditions, new Set(held))).toBe("boolean");
          else expect(compiled.error).toBeInstanceOf(ConditionsError);
          expect(typeof conditionsHasAnd(conditions)).toBe("boolean");
        },
      ),
      { numRuns: 1000 },
    );
  });
});

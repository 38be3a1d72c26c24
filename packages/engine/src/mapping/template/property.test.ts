import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { executeTemplate, parseTemplate, SUPPORTED_TEMPLATE_FUNCTIONS, TemplateExecError } from "./index.ts";

const KEYS = ["a", "b", "name", "items", "n", "x"];

/** Random template source built from the supported grammar, so most samples parse and reach execution. */
const templateArb: fc.Arbitrary<string> = (() => {
  const literal = fc.oneof(
    fc.integer({ min: -1000, max: 1000 }).map(String),
    fc
      .double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 })
      .map((d) => (Number.isInteger(d) ? `${d}.0` : String(d))),
    fc.string({ maxLength: 8 }).map((s) => JSON.stringify(s)),
    fc.constantFrom("true", "false", "nil", ".", "$", "'a'", "0x10", "-1", "1e3", '"2006-01-02"', '"%v-%d"', '"a,b"'),
  );
  const field = fc
    .array(fc.constantFrom(...KEYS), { minLength: 0, maxLength: 3 })
    .map((ks) => ".Input" + ks.map((k) => "." + k).join(""));
  const { expr } = fc.letrec<{ expr: string; call: string }>((tie) => ({
    expr: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      literal,
      field,
      tie("call"),
      tie("call").map((c) => `(${c})`),
    ),
    call: fc
      .tuple(fc.constantFrom(...SUPPORTED_TEMPLATE_FUNCTIONS), fc.array(tie("expr"), { maxLength: 3 }))
      .map(([f, args]) => [f, ...args.map((a) => (a.includes(" ") && !a.startsWith("(") ? `(${a})` : a))].join(" ")),
  }));
  const pipeline = fc
    .tuple(expr, fc.array(fc.constantFrom(...SUPPORTED_TEMPLATE_FUNCTIONS), { maxLength: 2 }))
    .map(([e, fs]) => [e, ...fs].join(" | "));
  const action = fc.oneof(
    pipeline.map((p) => `{{ ${p} }}`),
    fc.tuple(pipeline, fc.string({ maxLength: 4 })).map(([p, t]) => `{{ if ${p} }}${t}{{ else }}-{{ end }}`),
    pipeline.map((p) => `{{ range $i, $v := ${p} }}{{ $i }}:{{ $v }}{{ end }}`),
    pipeline.map((p) => `{{ with ${p} }}{{ . }}{{ end }}`),
    pipeline.map((p) => `{{ $x := ${p} }}{{ $x }}`),
  );
  return fc
    .array(fc.oneof(action, fc.string({ maxLength: 6 })), { minLength: 1, maxLength: 4 })
    .map((parts) => parts.join(""));
})();

const dataArb = fc.record({
  Input: fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.dictionary(fc.constantFrom(...KEYS), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 }),
  ),
});

const limits = { maxOutputLength: 100_000, maxSteps: 50_000, now: () => new Date("2024-01-02T03:04:05Z") };

function runSafely(source: string, data: unknown): void {
  const parsed = parseTemplate(source);
  if (!parsed.ok) {
    for (const e of parsed.errors) expect(e.offset).toBeGreaterThanOrEqual(0);
    return;
  }
  try {
    executeTemplate(parsed.template, data, limits);
  } catch (e) {
    expect(e).toBeInstanceOf(TemplateExecError);
    expect((e as TemplateExecError).code).not.toBe("TEMPLATE_INTERNAL_ERROR");
  }
}

describe("template execution properties", () => {
  it("never throws anything but TemplateExecError on generated templates and data", () => {
    fc.assert(
      fc.property(templateArb, dataArb, (source, data) => runSafely(source, data)),
      { numRuns: 1500 },
    );
  });

  it("never throws while parsing or executing arbitrary text", () => {
    const soup = fc.array(
      fc.oneof(
        fc.string(),
        fc.constantFrom("{{", "}}", "{{-", " -}}", "|", "(", ")", "$x :=", "range", "end", '"', "`", ".a"),
      ),
      {
        maxLength: 12,
      },
    );
    fc.assert(
      fc.property(soup, dataArb, (parts, data) => runSafely(parts.join(""), data)),
      { numRuns: 1500 },
    );
  });
});

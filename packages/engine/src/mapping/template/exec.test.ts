import { describe, expect, it } from "vitest";
import { executeTemplate, parseTemplate, renderTemplate, TemplateExecError, type Template } from "./index.ts";

const clock = (iso: string) => () => new Date(iso);

function compile(source: string): Template {
  const r = parseTemplate(source);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("; "));
  return r.template;
}

function failure(f: () => unknown): TemplateExecError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(TemplateExecError);
    return e as TemplateExecError;
  }
  throw new Error("expected a TemplateExecError");
}

describe("executeTemplate", () => {
  it("renders the Argo Events examples from the spec", () => {
    const data = { Input: { body: { name: "Jane Doe" }, subject: "hello world" } };
    expect(renderTemplate("{{ .Input.body.name | nospace | lower }}", data)).toBe("janedoe");
    expect(renderTemplate("{{ .Input.subject | title }}", data)).toBe("Hello World");
    expect(renderTemplate("{{ b64dec .Input }}", { Input: "aGVsbG8=" })).toBe("hello");
  });

  it("uses the injected clock for now, ago and date of non-time values", () => {
    const now = clock("2024-05-06T07:08:09.5Z");
    expect(renderTemplate('{{ now | date "2006-01-02T15:04:05.000Z07:00" }}', {}, { now })).toBe(
      "2024-05-06T07:08:09.500Z",
    );
    expect(renderTemplate("{{ now }}", {}, { now })).toBe("2024-05-06 07:08:09.5 +0000 UTC");
    expect(renderTemplate('{{ ago (toDate "2006-01-02" "2024-05-05") }}', {}, { now })).toBe("31h8m10s");
    expect(renderTemplate("{{ ago (int64 1714979289) }}", {}, { now })).toBe("1s");
    expect(renderTemplate('{{ date "2006" .Input }}', { Input: 1.5e9 }, { now })).toBe("2024");
    expect(renderTemplate('{{ durationRound (toDate "2006" "2020") }}', {}, { now })).toBe("4y");
    expect(renderTemplate("{{ now.Year }} {{ (now).Month }} {{ now.Unix }}", {}, { now })).toBe("2024 May 1714979289");
  });

  it("reads the system clock when none is injected", () => {
    const year = new Date().getUTCFullYear();
    expect(Number(renderTemplate('{{ now | date "2006" }}', {}))).toBeGreaterThanOrEqual(year - 1);
  });

  it("produces well-formed random values", () => {
    expect(renderTemplate("{{ uuidv4 }}", {})).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(renderTemplate("{{ randAlphaNum 12 }}", {})).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(renderTemplate("{{ randAlpha 5 }}", {})).toMatch(/^[A-Za-z]{5}$/);
    expect(renderTemplate("{{ randNumeric 7 }}", {})).toMatch(/^[0-9]{7}$/);
    expect(renderTemplate("{{ randAscii 9 }}", {})).toMatch(/^[\x20-\x7e]{9}$/);
    expect(Buffer.from(renderTemplate("{{ randBytes 6 }}", {}), "base64")).toHaveLength(6);
    expect(Number(renderTemplate("{{ randInt 3 5 }}", {}))).toBeOneOf([3, 4]);
    expect([...renderTemplate('{{ shuffle "abcdef" }}', {})].sort().join("")).toBe("abcdef");
    expect(failure(() => renderTemplate("{{ randInt 5 5 }}", {})).message).toMatch(/error calling randInt/);
  });

  it("never exposes the process environment", () => {
    process.env.SIGNALBOX_TEMPLATE_TEST_SECRET = "s3cret";
    try {
      expect(renderTemplate('{{ env "SIGNALBOX_TEMPLATE_TEST_SECRET" }}|{{ env "PATH" }}', {})).toBe("|");
      expect(renderTemplate('{{ expandenv "a-$SIGNALBOX_TEMPLATE_TEST_SECRET-${HOME}-b" }}', {})).toBe("a---b");
    } finally {
      delete process.env.SIGNALBOX_TEMPLATE_TEST_SECRET;
    }
  });

  it("does not mutate the caller's data", () => {
    const data = { Input: { a: 1, nested: { x: [1, 2] } } };
    const before = JSON.stringify(data);
    const out = renderTemplate(
      '{{ $_ := set .Input "b" 2 }}{{ $_ := unset .Input.nested "x" }}{{ $_ := merge .Input (dict "c" 3) }}{{ toJson .Input }}',
      data,
    );
    expect(out).toBe('{"a":1,"b":2,"c":3,"nested":{}}');
    expect(JSON.stringify(data)).toBe(before);
  });

  it("can be executed many times with different data", () => {
    const t = compile("{{ .Input.n | add 1 }}");
    expect([1, 2, 3].map((n) => executeTemplate(t, { Input: { n } }))).toEqual(["2", "3", "4"]);
  });

  it("throws TemplateExecError with Go's message for execution errors", () => {
    const e = failure(() => renderTemplate("{{ eq .Input.n 3 }}", { Input: { n: 3 } }));
    expect(e.code).toBe("TEMPLATE_EXEC_FAILED");
    expect(e.message).toBe(
      'template: param:1:3: executing "param" at <eq .Input.n 3>: error calling eq: incompatible types for comparison: float64 and int',
    );
    expect(failure(() => renderTemplate("{{ .Input.a.b }}", { Input: { a: null } })).message).toBe(
      'template: param:1:9: executing "param" at <.Input.a.b>: nil pointer evaluating interface {}.b',
    );
    expect(failure(() => renderTemplate('{{ fail "nope" }}', {}, { name: "x" })).message).toMatch(
      /^template: x:1:3: .*error calling fail: nope$/,
    );
  });

  it("reports parse errors from renderTemplate as TEMPLATE_PARSE_FAILED", () => {
    const e = failure(() => renderTemplate("{{ toYaml . }}", {}));
    expect(e.code).toBe("TEMPLATE_PARSE_FAILED");
    expect(e.message).toBe('template: param: function "toYaml" not defined');
  });

  it("enforces the output limit", () => {
    const e = failure(() => renderTemplate('{{ repeat 100 "abcdefghij" }}', {}, { maxOutputLength: 500 }));
    expect(e.code).toBe("TEMPLATE_LIMIT_EXCEEDED");
    expect(failure(() => renderTemplate("{{ range 100 }}xxxxxxxxxx{{ end }}", {}, { maxOutputLength: 500 })).code).toBe(
      "TEMPLATE_LIMIT_EXCEEDED",
    );
    expect(failure(() => renderTemplate("{{ until 100000000 }}", {}, { maxOutputLength: 1000 })).code).toBe(
      "TEMPLATE_LIMIT_EXCEEDED",
    );
  });

  it("enforces the step limit", () => {
    const e = failure(() => renderTemplate("{{ range 1000000000 }}{{ end }}", {}, { maxSteps: 10_000 }));
    expect(e.code).toBe("TEMPLATE_LIMIT_EXCEEDED");
  });

  it("accepts any JavaScript value as data", () => {
    const data = { Input: { big: 10n, when: undefined, fn: () => 1, list: [undefined, "x"] } };
    expect(renderTemplate("{{ .Input.big }} {{ .Input.when }} {{ .Input.fn }} {{ .Input.list }}", data)).toBe(
      "10 <no value> <no value> [<nil> x]",
    );
    expect(renderTemplate("{{ . }}", undefined)).toBe("<no value>");
    expect(renderTemplate("{{ .Input }}", { Input: "\ud800x" })).toBe("\ufffdx");
  });

  it("treats deeply nested data as a limit error, not a crash", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 5000; i++) deep = [deep];
    expect(failure(() => renderTemplate("{{ .Input }}", { Input: deep })).code).toBe("TEMPLATE_LIMIT_EXCEEDED");
  });
});

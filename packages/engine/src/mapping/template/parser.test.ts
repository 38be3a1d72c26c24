import { describe, expect, it } from "vitest";
import { parseTemplate, SUPPORTED_TEMPLATE_FUNCTIONS } from "./index.ts";

function errors(source: string) {
  const r = parseTemplate(source);
  if (r.ok) throw new Error(`expected ${JSON.stringify(source)} not to parse`);
  return r.errors;
}

describe("parseTemplate", () => {
  it("accepts a template using builtins, sprig functions and control structures", () => {
    const r = parseTemplate(
      '{{- range $i, $v := .Input.items }}{{ if eq $i 0 }}{{ $v.name | upper | quote }}{{ else }}{{ printf "%d" $i }}{{ end }}{{ end -}}',
    );
    expect(r.ok).toBe(true);
  });

  it("rejects an unknown function with its name and offset", () => {
    expect(errors("ab{{ .Input | toYaml }}")).toEqual([{ message: 'function "toYaml" not defined', offset: 14 }]);
  });

  it("reports every unsupported function in the template", () => {
    expect(errors("{{ bcrypt .Input }} {{ upper (getHostByName .x) }}")).toEqual([
      { message: 'function "bcrypt" not defined', offset: 3 },
      { message: 'function "getHostByName" not defined', offset: 30 },
    ]);
  });

  it("reports offsets in UTF-16 code units of the source", () => {
    expect(errors("é😀{{ nope }}")[0]).toEqual({ message: 'function "nope" not defined', offset: 6 });
  });

  it("rejects define, template and block with a clear message", () => {
    for (const src of ['{{ define "x" }}y{{ end }}', '{{ template "x" . }}', '{{ block "x" . }}y{{ end }}']) {
      expect(errors(src)[0]?.message).toMatch(
        /is not supported: Signalbox templates cannot define or call named templates/,
      );
    }
  });

  it.each([
    ["{{ .Input", "unclosed action", 9],
    ["{{ end }}", "unexpected {{end}}", 3],
    ["{{ if true }}x", "unexpected EOF", 14],
    ["{{ $x }}", 'undefined variable "$x"', 3],
    ["{{/* c }}", "unclosed comment", 2],
    ["{{ 1 | 2 }}", "non executable command in pipeline stage 2", 7],
    ["{{ break }}", "{{break}} outside {{range}}", 3],
    ["{{ (1 }}", "unclosed left paren", 6],
    ["{{ 1) }}", "unexpected right paren", 4],
    ["{{ .a-b }}", "bad character U+002D '-'", 3],
    ['{{ "a }}', "unterminated quoted string", 3],
    ["{{ 1i }}", 'complex constants are not supported: "1i"', 3],
    ["{{ 99999999999999999999 }}", 'integer overflow: "99999999999999999999"', 3],
    ['{{ "\\q" }}', 'invalid syntax in string literal "\\q"', 3],
  ])("reports %j as %j at offset %i", (source, message, offset) => {
    expect(errors(source)).toEqual([{ message, offset }]);
  });

  it("lists the Go builtins and the sprig functions, sorted, without excluded ones", () => {
    expect(SUPPORTED_TEMPLATE_FUNCTIONS).toEqual([...SUPPORTED_TEMPLATE_FUNCTIONS].sort());
    for (const f of ["and", "eq", "index", "printf", "upper", "toJson", "regexMatch", "dateInZone", "slice", "env"]) {
      expect(SUPPORTED_TEMPLATE_FUNCTIONS).toContain(f);
    }
    for (const f of ["call", "bcrypt", "genPrivateKey", "getHostByName", "encryptAES", "semver"]) {
      expect(SUPPORTED_TEMPLATE_FUNCTIONS).not.toContain(f);
    }
  });

  it("rejects very deep parenthesis nesting instead of overflowing the stack", () => {
    expect(errors("{{ " + "(".repeat(5000) + "1" + ")".repeat(5000) + " }}")[0]?.message).toBe(
      "max expression depth exceeded",
    );
  });
});

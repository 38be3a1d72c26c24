import { describe, expect, it } from "vitest";
import { formatFloatV, formatGoV, goJsonMarshal, typedSlice } from "./goFormat.ts";

// Expected strings printed by Go 1.26 (`fmt.Sprintf("%v")` and `json.Marshal`).
const floats: [number, string, string][] = [
  [0.1, "0.1", "0.1"],
  [1e6, "1e+06", "1000000"],
  [123456, "123456", "123456"],
  [1234567, "1.234567e+06", "1234567"],
  [1e21, "1e+21", "1e+21"],
  [1e20, "1e+20", "100000000000000000000"],
  [1e-5, "1e-05", "0.00001"],
  [1e-7, "1e-07", "1e-7"],
  [0.0001, "0.0001", "0.0001"],
  [5e-324, "5e-324", "5e-324"],
  [1.7976931348623157e308, "1.7976931348623157e+308", "1.7976931348623157e+308"],
  [-2.5, "-2.5", "-2.5"],
  [1 / 3, "0.3333333333333333", "0.3333333333333333"],
];

describe("Go float formatting", () => {
  it.each(floats)("%s prints as %s with %%v and %s in JSON", (value, v, json) => {
    expect(formatFloatV(value)).toBe(v);
    expect(goJsonMarshal(value)).toBe(json);
  });

  it("prints infinities and NaN like fmt and refuses them in JSON", () => {
    expect([formatFloatV(Infinity), formatFloatV(-Infinity), formatFloatV(NaN)]).toEqual(["+Inf", "-Inf", "NaN"]);
    expect(() => goJsonMarshal(Infinity)).toThrow(/unsupported value/);
  });
});

describe("formatGoV", () => {
  it("prints slices, sorted maps, ints and nil like fmt", () => {
    expect(formatGoV([1n, "a", null, { b: true, a: 1.5 }])).toBe("[1 a <nil> map[a:1.5 b:true]]");
  });
});

describe("goJsonMarshal", () => {
  it("escapes strings like encoding/json", () => {
    expect(goJsonMarshal("a\b\f\n\r\t\u0001<>&\u2028\u2029\u007f é")).toBe(
      '"a\\b\\f\\n\\r\\t\\u0001\\u003c\\u003e\\u0026\\u2028\\u2029\u007f é"',
    );
  });

  it("indents like MarshalIndent and keeps ints integral", () => {
    expect(goJsonMarshal({ b: typedSlice([1n, 2n], "int"), a: {} }, "  ")).toBe(
      '{\n  "a": {},\n  "b": [\n    1,\n    2\n  ]\n}',
    );
  });
});

import { describe, expect, it } from "vitest";
import { appendIn, deleteIn, moveItem, parseYaml, renameKey, setIn, valueAt } from "./yamlEdit.ts";

const sensor = `# Orders: fire when a paid order arrives
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata:
  namespace: shop # namespace before name, on purpose
  name: orders
spec:
  triggers: [] # added later
  dependencies:
    - name: paid # the webhook
      eventSourceName: shop
      eventName: order
`;

describe("setIn", () => {
  it("changes one value and keeps every comment, the key order and the quoting", () => {
    const text = setIn(sensor, ["metadata", "name"], "orders-v2");
    expect(text).toBe(sensor.replace("name: orders", "name: orders-v2"));
    const quoted = setIn('port: "12000" # listen here\nendpoint: /x\n', ["port"], "12001");
    expect(quoted).toBe('port: "12001" # listen here\nendpoint: /x\n');
  });

  it("adds a new key after the existing ones, creating the maps on the way", () => {
    const text = setIn(sensor, ["spec", "dependencies", 0, "filters", "data"], [{ path: "body.paid", type: "bool", value: ["true"] }]);
    expect(text).toContain("    - name: paid # the webhook\n      eventSourceName: shop\n      eventName: order\n      filters:\n");
    expect(valueAt(parseValue(text), ["spec", "dependencies", 0, "filters", "data", 0, "path"])).toBe("body.paid");
    expect(text.indexOf("triggers")).toBeLessThan(text.indexOf("dependencies"));
  });

  it("removes a key when the value is undefined", () => {
    expect(setIn("a: 1 # one\nb: 2\n", ["a"], undefined)).toBe("b: 2\n");
  });

  it("refuses to edit text that does not parse", () => {
    expect(() => setIn("a: [\n", ["a"], 1)).toThrow(/the YAML has errors/);
  });
});

describe("appendIn", () => {
  it("turns an empty inline list into a block list and keeps its comment", () => {
    const text = appendIn(sensor, ["spec", "triggers"], { template: { name: "log-it", log: {} } });
    expect(text).toContain("  triggers:\n    # added later\n    - template:\n        name: log-it\n        log: {}\n");
    expect(text.startsWith("# Orders: fire when a paid order arrives\n")).toBe(true);
  });

  it("creates the list when it is missing", () => {
    expect(appendIn("spec: {}\n", ["spec", "dependencies"], { name: "a" })).toBe("spec:\n  dependencies:\n    - name: a\n");
  });
});

describe("renameKey, deleteIn and moveItem", () => {
  it("renames a map key in place", () => {
    const source = "webhook:\n  # the first\n  example:\n    port: \"12000\"\n  other: {}\n";
    expect(renameKey(source, ["webhook", "example"], "push")).toBe(
      "webhook:\n  # the first\n  push:\n    port: \"12000\"\n  other: {}\n",
    );
  });

  it("deletes a sequence item and keeps the others' comments", () => {
    const text = deleteIn("list:\n  - a # first\n  - b # second\n", ["list", 0]);
    expect(text).toBe("list:\n  - b # second\n");
  });

  it("moves a sequence item", () => {
    expect(moveItem("- a\n- b\n- c\n", [2], 0)).toBe("- c\n- a\n- b\n");
  });
});

describe("parseYaml", () => {
  it("reports syntax problems with their line", () => {
    const parsed = parseYaml("a: 1\nb: [\n");
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems[0]?.line).toBeGreaterThan(0);
  });
});

function parseValue(text: string): unknown {
  const parsed = parseYaml(text);
  if (!parsed.ok) throw new Error(parsed.problems[0]?.message);
  return parsed.value;
}

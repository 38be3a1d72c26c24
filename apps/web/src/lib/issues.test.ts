import { describe, expect, it } from "vitest";
import { checkResource, formatPath, issuesAt, issuesUnder, uniqueIssues, withoutLabel } from "./issues.ts";

describe("issues", () => {
  it("formats paths the way the API does", () => {
    expect(formatPath(["spec", "triggers", 0, "template", "http", "url"])).toBe("spec.triggers[0].template.http.url");
    expect(formatPath(["spec", "webhook", "my.event", "port"])).toBe('spec.webhook["my.event"].port');
  });

  it("checks a Sensor with the engine's schema, one issue per unknown field", () => {
    const issues = checkResource({
      apiVersion: "argoproj.io/v1alpha1",
      kind: "Sensor",
      metadata: { name: "s" },
      spec: { dependencies: [{ name: "a b", eventSourceName: "x", eventName: "y", typo: 1 }], triggers: [{ template: { name: "t", log: {} } }] },
    });
    expect(issuesAt(issues, ["spec", "dependencies", 0, "name"])).toEqual([{ path: "spec.dependencies[0].name", message: "must not contain dots or whitespace" }]);
    expect(issuesAt(issues, ["spec", "dependencies", 0, "typo"])).toEqual([{ path: "spec.dependencies[0].typo", message: "unknown field 'typo'" }]);
    expect(issuesUnder(issues, ["spec", "dependencies"])).toHaveLength(2);
    expect(checkResource({ kind: "Pod" })).toEqual([{ path: "kind", message: "the builder edits EventSources and Sensors" }]);
  });

  it("drops the API's resource label and duplicates", () => {
    expect(withoutLabel("Sensor orders: must not contain dots or whitespace")).toBe("must not contain dots or whitespace");
    expect(withoutLabel("unexpected token")).toBe("unexpected token");
    expect(uniqueIssues([{ path: "a", message: "m" }, { path: "a", message: "m" }])).toHaveLength(1);
  });
});

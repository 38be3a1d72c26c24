import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors.ts";
import { parseManifests } from "./parse.ts";

const webhookSource = `
apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata:
  name: webhook
spec:
  service:
    ports: [{ port: 12000, targetPort: 12000 }]
  webhook:
    example:
      port: "12000"
      endpoint: /example
      method: POST
`;

const sensor = (triggerExtra = "", templateExtra = "") => `
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata:
  name: webhook-http
  namespace: team-a
spec:
  dependencies:
    - name: payment
      eventSourceName: webhook
      eventName: example
  triggers:
    - template:
        name: notify
        http:
          url: http://127.0.0.1:9/hook
${templateExtra}
${triggerExtra}
`;

function issuesOf(text: string) {
  try {
    parseManifests(text);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  throw new Error("expected a validation error");
}

describe("parseManifests", () => {
  it("accepts several documents, defaults the namespace and warns about Kubernetes-only fields", () => {
    const { resources, warnings } = parseManifests(`${webhookSource}\n---\n${sensor()}`);
    expect(resources.map((r) => [r.kind, r.namespace, r.name])).toEqual([
      ["EventSource", "default", "webhook"],
      ["Sensor", "team-a", "webhook-http"],
    ]);
    expect(warnings).toContainEqual(expect.objectContaining({ path: "spec.service", resource: "EventSource/default/webhook" }));
  });

  it("accepts a List of resources", () => {
    const list = JSON.stringify({ apiVersion: "v1", kind: "List", items: [{ apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, stringData: { token: "x" } }] });
    expect(parseManifests(list).resources[0]?.kind).toBe("Secret");
  });

  it("reports every unknown field with its path", () => {
    const issues = issuesOf(sensor("", "          urll: x"));
    expect(issues).toContainEqual(expect.objectContaining({ path: "spec.triggers[0].template.http.urll" }));
  });

  it("hints that atLeastOnce belongs beside the template", () => {
    const issues = issuesOf(sensor("", "        atLeastOnce: true"));
    const issue = issues.find((i) => i.path === "spec.triggers[0].template.atLeastOnce");
    expect(issue?.message).toMatch(/belongs on the trigger/);
  });

  it("rejects conditions naming an unknown dependency and a dlqTrigger without atLeastOnce", () => {
    const issues = issuesOf(
      sensor(
        "      dlqTrigger:\n        atLeastOnce: true\n        template:\n          name: dlq\n          log: {}",
        "        conditions: payment && refund",
      ),
    );
    expect(issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(["spec.triggers[0].template.conditions", "spec.triggers[0].dlqTrigger"]),
    );
  });

  it("rejects dots in names and duplicate event names across types", () => {
    const issues = issuesOf(webhookSource.replace("name: webhook", "name: web.hook"));
    expect(issues[0]?.path).toBe("metadata.name");
  });

  it("rejects unsupported kinds and source types by path", () => {
    expect(issuesOf("apiVersion: v1\nkind: Pod\nmetadata: {name: p}")[0]?.path).toBe("kind");
    const calendar = webhookSource.replace("webhook:\n    example:", "gerrit:\n    example:");
    expect(issuesOf(calendar).map((i) => i.path)).toContain("spec.gerrit");
  });

  it("rejects a template using a function outside the supported list, with its path", () => {
    const issues = issuesOf(
      sensor("", "          payload:\n            - src: {dependencyName: payment, dataTemplate: '{{ .Input.body | nosuchfunc }}'}\n              dest: x"),
    );
    expect(issues).toContainEqual(expect.objectContaining({ path: "spec.triggers[0].template.http.payload[0].src.dataTemplate" }));
    expect(issues.find((i) => i.path.endsWith("dataTemplate"))?.message).toMatch(/nosuchfunc/);
  });

  it("warns about Argo quirks it matches", () => {
    const { warnings } = parseManifests(sensor("      retryStrategy: { steps: 3 }"));
    expect(warnings.map((w) => w.path)).toEqual(
      expect.arrayContaining(["spec.triggers[0].retryStrategy", "spec.triggers[0].template.http"]),
    );
  });
});

import { describe, expect, it } from "vitest";
import { ValidationError, type FieldIssue } from "../../errors.ts";
import { parseManifests } from "../parse.ts";
import { argoTriggerTypes, supportedTriggerTypes } from "../trigger.ts";
import { unsupportedTriggerTypes, type UnsupportedTriggerType } from "./index.ts";

const secret = (name: string, key: string) => ({ name, key });
const param = (dest: string, dataKey = "body.id") => ({ src: { dependencyName: "order", dataKey }, dest });

const workflow = {
  apiVersion: "argoproj.io/v1alpha1",
  kind: "Workflow",
  metadata: { generateName: "order-" },
  spec: { entrypoint: "main", templates: [{ name: "main", container: { image: "busybox", args: ["echo", "hello"] } }] },
};

interface Case {
  /** A valid `template.<type>`, written after the example sensors of Argo's docs. */
  valid: Record<string, unknown>;
  /** Where a misspelled key is added, relative to `template.<type>` (last element: the key). */
  typo: string[];
  /** A field given a value of the wrong type, and the value. */
  wrong: [string[], unknown];
}

const cases: Record<UnsupportedTriggerType, Case> = {
  k8s: {
    valid: {
      operation: "create",
      source: {
        resource: { apiVersion: "v1", kind: "ConfigMap", metadata: { generateName: "order-" }, data: { id: "" } },
      },
      parameters: [param("data.id")],
    },
    typo: ["source", "url", "verifycert"],
    wrong: [["liveObject"], "true"],
  },
  argoWorkflow: {
    valid: {
      operation: "submit",
      source: { resource: workflow },
      parameters: [param("spec.arguments.parameters.0.value")],
      args: ["--serviceaccount", "workflows"],
    },
    typo: ["sorce"],
    wrong: [["args"], "--serviceaccount workflows"],
  },
  awsLambda: {
    valid: {
      functionName: "record-order",
      region: "eu-west-1",
      accessKey: secret("aws", "access"),
      secretKey: secret("aws", "secret"),
      payload: [param("id")],
      invocationType: "Event",
    },
    typo: ["function"],
    wrong: [["invocationType"], "async"],
  },
  azureEventHubs: {
    valid: {
      fqdn: "shop.servicebus.windows.net",
      hubName: "orders",
      sharedAccessKeyName: secret("azure", "name"),
      sharedAccessKey: secret("azure", "key"),
      payload: [param("id")],
    },
    typo: ["hub"],
    wrong: [["payload"], { id: 1 }],
  },
  azureServiceBus: {
    valid: { connectionString: secret("azure", "connection"), queueName: "orders", payload: [param("id")] },
    typo: ["queue"],
    wrong: [["queueName"], 7],
  },
  pulsar: {
    valid: {
      url: "pulsar://pulsar.team-a:6650",
      topic: "orders",
      payload: [param("id")],
      connectionBackoff: { duration: "10s", steps: 3 },
    },
    typo: ["topics"],
    wrong: [["tlsAllowInsecureConnection"], "yes"],
  },
  slack: {
    valid: {
      slackToken: secret("slack", "token"),
      channel: "orders",
      message: "new order",
      thread: { messageAggregationKey: "order" },
      sender: { username: "Signalbox" },
      parameters: [param("message")],
    },
    typo: ["sender", "emoji"],
    wrong: [["thread", "broadcastMessageToChannel"], "yes"],
  },
  openWhisk: {
    valid: {
      host: "openwhisk.team-a.svc",
      namespace: "_",
      actionName: "record-order",
      authToken: secret("openwhisk", "token"),
      payload: [param("id")],
    },
    typo: ["action"],
    wrong: [["version"], 1],
  },
  custom: {
    valid: {
      serverURL: "trigger.team-a:9000",
      secure: true,
      certSecret: secret("trigger", "cert"),
      serverNameOverride: "trigger.example.com",
      spec: { url: "https://example.com" },
      payload: [param("id")],
    },
    typo: ["serverUrl"],
    wrong: [["spec"], "url: https://example.com"],
  },
  email: {
    valid: {
      host: "smtp.example.com",
      port: 587,
      username: "signalbox",
      smtpPassword: secret("smtp", "password"),
      from: "events@example.com",
      to: ["orders@example.com"],
      subject: "New order",
      body: "An order came in",
    },
    typo: ["smtpHost"],
    wrong: [["port"], 70000],
  },
};

function sensor(template: Record<string, unknown>, trigger: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "Sensor",
    metadata: { name: "orders", namespace: "team-a" },
    spec: {
      dependencies: [{ name: "order", eventSourceName: "shop", eventName: "order" }],
      triggers: [{ template: { name: "act", ...template }, ...trigger }],
    },
  };
}

function issuesOf(input: readonly unknown[]): FieldIssue[] {
  try {
    parseManifests(input);
  } catch (error) {
    if (error instanceof ValidationError) return [...error.issues];
    throw error;
  }
  throw new Error("expected a validation error");
}

function withValue(value: Record<string, unknown>, path: readonly string[], leaf: unknown): Record<string, unknown> {
  const copy = structuredClone(value);
  let node: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1] ?? ""] = leaf;
  return copy;
}

const pathOf = (type: string, path: readonly string[]) =>
  `spec.triggers[0].template.${type}${path.map((key) => `.${key}`).join("")}`;

const notSupported = (type: string) => ({
  path: `spec.triggers[0].template.${type}`,
  message: `Sensor orders: trigger type '${type}' is not supported by Signalbox yet`,
});

describe("schemas of the trigger types Signalbox does not run", () => {
  it("cover every Argo trigger type that has no implementation", () => {
    const unsupported = argoTriggerTypes.filter((type) => !(type in supportedTriggerTypes));
    expect(Object.keys(unsupportedTriggerTypes).sort()).toEqual(expect.arrayContaining(unsupported.sort()));
    expect(
      Object.keys(unsupportedTriggerTypes).every((type) => (argoTriggerTypes as readonly string[]).includes(type)),
    ).toBe(true);
  });

  describe.each(Object.entries(cases) as [UnsupportedTriggerType, Case][])("%s", (type, { valid, typo, wrong }) => {
    it("accepts the valid example, then reports only that the type is not supported", () => {
      expect(unsupportedTriggerTypes[type].safeParse(valid).error?.issues).toBeUndefined();
      expect(issuesOf([sensor({ [type]: valid })])).toEqual([notSupported(type)]);
    });

    it("reports a misspelled field as unknown, with its exact path", () => {
      const issues = issuesOf([sensor({ [type]: withValue(valid, typo, "x") })]);
      expect(issues).toContainEqual({
        path: pathOf(type, typo),
        message: `Sensor orders: unknown field '${typo[typo.length - 1]}'`,
      });
      expect(issues).toContainEqual(notSupported(type));
    });

    it("reports a value of the wrong type at its path", () => {
      const [path, value] = wrong;
      const issues = issuesOf([sensor({ [type]: withValue(valid, path, value) })]);
      expect(issues.map((issue) => issue.path)).toEqual([pathOf(type, path), `spec.triggers[0].template.${type}`]);
    });
  });

  it("are checked in a dlqTrigger too", () => {
    const issues = issuesOf([
      sensor(
        { log: {} },
        {
          atLeastOnce: true,
          dlqTrigger: { atLeastOnce: true, template: { name: "dlq", email: { ...cases.email.valid, prot: 25 } } },
        },
      ),
    ]);
    expect(issues).toEqual([
      { path: "spec.triggers[0].dlqTrigger.template.email.prot", message: "Sensor orders: unknown field 'prot'" },
      {
        path: "spec.triggers[0].dlqTrigger.template.email",
        message: "Sensor orders: trigger type 'email' is not supported by Signalbox yet",
      },
    ]);
  });
});

describe("Argo's rules of the trigger types", () => {
  const check = (type: UnsupportedTriggerType, value: Record<string, unknown>) =>
    (unsupportedTriggerTypes[type].safeParse(value).error?.issues ?? []).map((issue) => [
      issue.path.join("."),
      issue.message,
    ]);

  it("a k8s source names exactly one location", () => {
    expect(check("k8s", { ...cases.k8s.valid, source: {} })).toEqual([
      ["source", expect.stringMatching(/^needs one of s3, inline, file/)],
    ]);
    expect(
      check("k8s", {
        ...cases.k8s.valid,
        source: { inline: "kind: ConfigMap", url: { path: "https://example.com/cm.yaml" } },
      }),
    ).toEqual([["source.url", expect.stringMatching(/^set only one of/)]]);
  });

  it("a k8s source from git needs the repository, clone directory and file", () => {
    expect(check("k8s", { ...cases.k8s.valid, source: { git: { url: "https://example.com/repo.git" } } })).toEqual([
      ["source.git.cloneDirectory", "is required"],
      ["source.git.filePath", "is required"],
    ]);
  });

  it("argoWorkflow needs an operation, as Argo's validation does", () => {
    const { operation: _operation, ...noOperation } = cases.argoWorkflow.valid;
    expect(check("argoWorkflow", noOperation)).toEqual([["operation", expect.stringMatching(/^Invalid option/)]]);
  });

  it("a secure custom trigger needs its certificate, and azureServiceBus a queue or a topic", () => {
    const { certSecret: _cert, ...noCert } = cases.custom.valid;
    expect(check("custom", noCert)).toEqual([["certSecret", "is required with secure: true"]]);
    const { queueName: _queue, ...noQueue } = cases.azureServiceBus.valid;
    expect(check("azureServiceBus", noQueue)).toEqual([["", "needs queueName or topicName"]]);
  });
});

describe("the HTTP trigger's Argo fields", () => {
  it("accepts tls.enabled and refuses host, which Signalbox does not send", () => {
    const http = { url: "https://example.com/hook", tls: { enabled: true } };
    expect(() => parseManifests([sensor({ http })])).not.toThrow();
    expect(issuesOf([sensor({ http: { ...http, host: "shop.example.com" } })])).toEqual([
      {
        path: "spec.triggers[0].template.http.host",
        message: "Sensor orders: is not supported by Signalbox yet (Argo sends the request with this Host)",
      },
    ]);
  });
});

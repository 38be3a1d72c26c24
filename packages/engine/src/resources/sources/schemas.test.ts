import { describe, expect, it } from "vitest";
import { ValidationError, type FieldIssue } from "../../errors.ts";
import { argoSourceTypes, supportedSourceTypes } from "../eventSource.ts";
import { parseManifests } from "../parse.ts";
import { unsupportedSourceTypes, type UnsupportedSourceType } from "./index.ts";

const secret = (name: string, key: string) => ({ name, key });
const hook = (port: string, endpoint = "/push") => ({ endpoint, port, method: "POST" });

interface Case {
  /** A valid event, written after the example manifests of Argo's docs. */
  valid: Record<string, unknown>;
  /** Where a misspelled key is added, relative to the event (last element: the key). */
  typo: string[];
  /** A field given a value of the wrong type, and the value. */
  wrong: [string[], unknown];
}

const cases: Record<UnsupportedSourceType, Case> = {
  resource: {
    valid: {
      namespace: "team-a",
      group: "apps",
      version: "v1",
      resource: "deployments",
      eventTypes: ["ADD", "DELETE"],
      filter: { labels: [{ key: "app", operation: "==", value: "shop" }], afterStart: true },
    },
    typo: ["filter", "lables"],
    wrong: [["eventTypes"], "ADD"],
  },
  amqp: {
    valid: {
      url: "amqp://rabbit.team-a:5672",
      exchangeName: "orders",
      exchangeType: "fanout",
      routingKey: "created",
      jsonBody: true,
      connectionBackoff: { duration: "10s", steps: 5, factor: 2 },
      queueDeclare: { name: "signalbox", durable: true },
    },
    typo: ["exchangeTyp"],
    wrong: [["queueDeclare", "durable"], "yes"],
  },
  mqtt: {
    valid: { url: "tcp://mosquitto.team-a:1883", topic: "sensors/temperature", clientId: "reader-1", jsonBody: true },
    typo: ["clientID"],
    wrong: [["jsonBody"], "true"],
  },
  redis: {
    valid: {
      hostAddress: "redis.team-a:6379",
      db: 0,
      channels: ["orders.*"],
      password: secret("redis", "password"),
      namespace: "team-a",
      jsonBody: true,
    },
    typo: ["channel"],
    wrong: [["db"], "0"],
  },
  redisStream: {
    valid: {
      hostAddress: "redis.team-a:6379",
      streams: ["orders"],
      consumerGroup: "signalbox",
      maxMsgCountPerRead: 20,
    },
    typo: ["stream"],
    wrong: [["maxMsgCountPerRead"], 2.5],
  },
  nsq: {
    valid: { hostAddress: "nsqlookupd.team-a:4161", topic: "orders", channel: "signalbox", jsonBody: true },
    typo: ["chanel"],
    wrong: [["topic"], 7],
  },
  pulsar: {
    valid: { url: "pulsar://pulsar.team-a:6650", topics: ["orders", "refunds"], type: "shared", jsonBody: true },
    typo: ["topic"],
    wrong: [["type"], "failover"],
  },
  pubSub: {
    valid: {
      projectID: "shop-1234",
      topic: "orders",
      credentialSecret: secret("gcp", "key.json"),
      deleteSubscriptionOnFinish: true,
    },
    typo: ["projectId"],
    wrong: [["deleteSubscriptionOnFinish"], "true"],
  },
  sqs: {
    valid: {
      region: "eu-west-1",
      queue: "orders",
      waitTimeSeconds: 20,
      accessKey: secret("aws", "access"),
      secretKey: secret("aws", "secret"),
      jsonBody: true,
    },
    typo: ["queueURL"],
    wrong: [["waitTimeSeconds"], "20"],
  },
  sns: {
    valid: {
      topicArn: "arn:aws:sns:eu-west-1:123456789012:orders",
      region: "eu-west-1",
      webhook: { ...hook("12000", "/sns"), url: "https://hooks.example.com" },
      validateSignature: true,
    },
    typo: ["webhook", "endpiont"],
    wrong: [["validateSignature"], 1],
  },
  azureEventsHub: {
    valid: {
      fqdn: "shop.servicebus.windows.net",
      hubName: "orders",
      sharedAccessKeyName: secret("azure", "name"),
      sharedAccessKey: secret("azure", "key"),
    },
    typo: ["hubname"],
    wrong: [["fqdn"], ["shop"]],
  },
  azureServiceBus: {
    valid: {
      connectionString: secret("azure", "connection"),
      topicName: "orders",
      subscriptionName: "signalbox",
      jsonBody: true,
    },
    typo: ["subscription"],
    wrong: [["deferDelete"], "no"],
  },
  azureQueueStorage: {
    valid: { storageAccountName: "shopstorage", queueName: "orders", decodeMessage: true, waitTimeInSeconds: 5 },
    typo: ["queue"],
    wrong: [["waitTimeInSeconds"], "5"],
  },
  github: {
    valid: {
      repositories: [{ owner: "acme", names: ["shop", "billing"] }],
      webhook: { ...hook("12000"), url: "https://hooks.example.com" },
      events: ["push", "pull_request"],
      apiToken: secret("github", "token"),
      webhookSecret: secret("github", "secret"),
      active: true,
      contentType: "json",
    },
    typo: ["webhook", "endpiont"],
    wrong: [["repositories", "0", "names"], "shop"],
  },
  gitlab: {
    valid: {
      projects: ["acme/shop"],
      webhook: { ...hook("12000"), url: "https://hooks.example.com" },
      events: ["PushEvents"],
      accessToken: secret("gitlab", "token"),
      gitlabBaseURL: "https://gitlab.example.com",
    },
    typo: ["project"],
    wrong: [["enableSSLVerification"], "false"],
  },
  bitbucket: {
    valid: {
      repositories: [{ owner: "acme", repositorySlug: "shop" }],
      webhook: { ...hook("12000"), url: "https://hooks.example.com" },
      events: ["repo:push"],
      auth: { oauthToken: secret("bitbucket", "token") },
    },
    typo: ["auth", "oauthtoken"],
    wrong: [["deleteHookOnFinish"], "true"],
  },
  bitbucketserver: {
    valid: {
      repositories: [{ projectKey: "SHOP", repositorySlug: "web" }],
      webhook: hook("12000"),
      events: ["repo:refs_changed"],
      bitbucketserverBaseURL: "https://bitbucket.example.com/rest",
      checkInterval: "1m",
    },
    typo: ["bitbucketServerBaseURL"],
    wrong: [["checkInterval"], "every minute"],
  },
  gerrit: {
    valid: {
      projects: ["shop"],
      hookName: "signalbox",
      webhook: hook("13000"),
      events: ["patchset-created"],
      auth: { username: secret("gerrit", "user"), password: secret("gerrit", "password") },
      gerritBaseURL: "https://gerrit.example.com",
    },
    typo: ["sslverify"],
    wrong: [["maxTries"], "3"],
  },
  slack: {
    valid: {
      webhook: hook("12000", "/slack"),
      token: secret("slack", "token"),
      signingSecret: secret("slack", "signing"),
    },
    typo: ["signingsecret"],
    wrong: [["webhook", "method"], "post"],
  },
  stripe: {
    valid: {
      webhook: { ...hook("12000", "/stripe"), url: "https://hooks.example.com" },
      createWebhook: true,
      apiKey: secret("stripe", "key"),
      eventFilter: ["charge.succeeded"],
    },
    typo: ["namespace"],
    wrong: [["eventFilter"], "charge.succeeded"],
  },
  minio: {
    valid: {
      bucket: { name: "invoices" },
      endpoint: "minio.team-a:9000",
      events: ["s3:ObjectCreated:Put"],
      filter: { prefix: "2026/", suffix: ".pdf" },
      insecure: true,
      accessKey: secret("minio", "access"),
      secretKey: secret("minio", "secret"),
    },
    typo: ["bucket", "nmae"],
    wrong: [["insecure"], "true"],
  },
  storageGrid: {
    valid: {
      webhook: { ...hook("12000", "/grid"), url: "https://hooks.example.com" },
      events: ["ObjectCreated:*"],
      topicArn: "urn:sgws:sns:eu:orders",
      bucket: "invoices",
      apiURL: "https://grid.example.com/api/v3",
      authToken: secret("grid", "token"),
    },
    typo: ["bucketName"],
    wrong: [["bucket"], 2026],
  },
  file: {
    valid: { eventType: "CREATE", watchPathConfig: { directory: "/var/inbox/", pathRegexp: "\\.csv$" }, polling: true },
    typo: ["watchPathConfig", "dir"],
    wrong: [["polling"], "yes"],
  },
  sftp: {
    valid: {
      eventType: "CREATE",
      watchPathConfig: { directory: "/upload/", path: "orders.csv" },
      address: secret("sftp", "address"),
      username: secret("sftp", "user"),
      sshKeySecret: secret("sftp", "key"),
      pollIntervalDuration: "30s",
    },
    typo: ["pollInterval"],
    wrong: [["address"], "sftp.example.com:22"],
  },
  hdfs: {
    valid: {
      directory: "/data/",
      pathRegexp: ".*\\.parquet$",
      type: "CREATE",
      addresses: ["namenode.team-a:8020"],
      hdfsUser: "signalbox",
      checkInterval: "10s",
    },
    typo: ["address"],
    wrong: [["addresses"], "namenode.team-a:8020"],
  },
  emitter: {
    valid: {
      broker: "tcp://emitter.team-a:8080",
      channelKey: "Z4b-secretkey",
      channelName: "orders/",
      username: secret("emitter", "user"),
      password: secret("emitter", "password"),
      jsonBody: true,
    },
    typo: ["channel"],
    wrong: [["jsonBody"], "yes"],
  },
  generic: {
    valid: { url: "generic-source.team-a:8080", config: "key1: value1\nkey2: value2", insecure: true, jsonBody: true },
    typo: ["authsecret"],
    wrong: [["config"], { key1: "value1" }],
  },
  mns: {
    valid: {
      endpoint: "https://1234.mns.eu-central-1.aliyuncs.com",
      queue: "orders",
      accessKey: secret("aliyun", "access"),
      secretKey: secret("aliyun", "secret"),
      jsonBody: true,
    },
    typo: ["metadata"],
    wrong: [["queue"], 42],
  },
};

function eventSource(type: string, event: unknown): Record<string, unknown> {
  return {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "EventSource",
    metadata: { name: "source", namespace: "team-a" },
    spec: { [type]: { example: event } },
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

function withValue(event: Record<string, unknown>, path: readonly string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(event);
  let node: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[path[path.length - 1] ?? ""] = value;
  return copy;
}

const pathOf = (type: string, path: readonly string[]) =>
  `spec.${type}.example${path.map((key) => (/^\d+$/.test(key) ? `[${key}]` : `.${key}`)).join("")}`;

const notSupported = (type: string) => ({
  path: `spec.${type}`,
  message: `EventSource source: source type '${type}' is not supported by Signalbox yet`,
});

describe("schemas of the source types Signalbox does not run", () => {
  it("cover every Argo source type that has no implementation", () => {
    const unsupported = argoSourceTypes.filter((type) => !(type in supportedSourceTypes));
    expect(Object.keys(unsupportedSourceTypes).sort()).toEqual(expect.arrayContaining(unsupported.sort()));
    expect(
      Object.keys(unsupportedSourceTypes).every((type) => (argoSourceTypes as readonly string[]).includes(type)),
    ).toBe(true);
  });

  describe.each(Object.entries(cases) as [UnsupportedSourceType, Case][])("%s", (type, { valid, typo, wrong }) => {
    it("accepts the valid example, then reports only that the type is not supported", () => {
      expect(unsupportedSourceTypes[type].safeParse(valid).error?.issues).toBeUndefined();
      expect(issuesOf([eventSource(type, valid)])).toEqual([notSupported(type)]);
    });

    it("reports a misspelled field as unknown, with its exact path", () => {
      const issues = issuesOf([eventSource(type, withValue(valid, typo, "x"))]);
      expect(issues).toContainEqual({
        path: pathOf(type, typo),
        message: `EventSource source: unknown field '${typo[typo.length - 1]}'`,
      });
      expect(issues).toContainEqual(notSupported(type));
    });

    it("reports a value of the wrong type at its path", () => {
      const [path, value] = wrong;
      const issues = issuesOf([eventSource(type, withValue(valid, path, value))]);
      expect(issues.map((issue) => issue.path)).toEqual([pathOf(type, path), `spec.${type}`]);
    });
  });
});

describe("Argo's cross-field rules of the source types", () => {
  const check = (type: UnsupportedSourceType, event: Record<string, unknown>) =>
    (unsupportedSourceTypes[type].safeParse(event).error?.issues ?? []).map((issue) => [
      issue.path.join("."),
      issue.message,
    ]);

  it("amqp needs exactly one of url and urlSecret", () => {
    const { url: _url, ...noUrl } = cases.amqp.valid;
    expect(check("amqp", noUrl)).toEqual([["", "needs one of url, urlSecret"]]);
    expect(check("amqp", { ...cases.amqp.valid, urlSecret: secret("amqp", "url") })).toEqual([
      ["urlSecret", "set only one of url, urlSecret"],
    ]);
  });

  it("a TLS block needs certificates, enabled or insecureSkipVerify, and a client certificate needs its key", () => {
    expect(check("mqtt", { ...cases.mqtt.valid, tls: {} })).toEqual([
      ["tls", expect.stringMatching(/^needs caCertSecret/)],
    ]);
    expect(check("mqtt", { ...cases.mqtt.valid, tls: { clientCertSecret: secret("mqtt", "cert") } })).toEqual([
      ["tls.clientKeySecret", "needs both clientCertSecret and clientKeySecret"],
    ]);
    expect(check("mqtt", { ...cases.mqtt.valid, tls: { enabled: true } })).toEqual([]);
  });

  it("azureServiceBus takes a queue, or a topic with its subscription", () => {
    expect(check("azureServiceBus", { ...cases.azureServiceBus.valid, queueName: "orders" })).toEqual([
      ["queueName", "set queueName, or topicName with subscriptionName, not both"],
    ]);
    const { subscriptionName: _subscription, ...topicOnly } = cases.azureServiceBus.valid;
    expect(check("azureServiceBus", topicOnly)).toEqual([
      ["subscriptionName", "topicName and subscriptionName go together"],
    ]);
  });

  it("github takes repositories or organizations, and needs events to create its hook", () => {
    const { repositories: _repositories, ...none } = cases.github.valid;
    expect(check("github", none)).toEqual([["", "needs repositories or organizations"]]);
    const { events: _events, ...noEvents } = cases.github.valid;
    expect(check("github", { ...noEvents, organizations: ["acme"] })).toEqual([
      ["organizations", "set only one of repositories, organizations"],
      ["events", "is required to create the webhook (apiToken or githubApp with webhook.url)"],
    ]);
  });

  it("file checks its watched path like Argo: an absolute directory and one of path and pathRegexp", () => {
    expect(
      check("file", { ...cases.file.valid, watchPathConfig: { directory: "inbox", path: "/a.csv", pathRegexp: "(" } }),
    ).toEqual([
      ["watchPathConfig.directory", "must be an absolute path"],
      ["watchPathConfig.pathRegexp", "set only one of path, pathRegexp"],
      ["watchPathConfig.path", "must be a path relative to directory"],
      ["watchPathConfig.pathRegexp", expect.stringMatching(/^is not a valid regular expression/)],
    ]);
  });

  it("hdfs with a keytab needs the other Kerberos fields", () => {
    expect(
      check("hdfs", {
        ...cases.hdfs.valid,
        hdfsUser: undefined,
        krbKeytabSecret: secret("hdfs", "keytab"),
        krbUsername: "svc",
      }),
    ).toEqual([
      ["krbServicePrincipalName", "is required with krbKeytabSecret"],
      ["krbConfigConfigMap", "is required with krbKeytabSecret"],
      ["krbRealm", "is required with krbKeytabSecret"],
    ]);
  });

  it("rules run even when a field of the same event is invalid, so one apply lists both", () => {
    const { url: _url, ...noUrl } = cases.amqp.valid;
    expect(check("amqp", { ...noUrl, jsonBody: "yes" })).toEqual([
      ["jsonBody", expect.stringMatching(/expected boolean/)],
      ["", "needs one of url, urlSecret"],
    ]);
  });

  it("Go durations are checked with Go's own message", () => {
    expect(check("sftp", { ...cases.sftp.valid, pollIntervalDuration: "10 seconds" })).toEqual([
      ["pollIntervalDuration", 'time: unknown unit " seconds" in duration "10 seconds"'],
    ]);
  });

  it("a missing required field says so", () => {
    const { queue: _queue, ...noQueue } = cases.sqs.valid;
    expect(check("sqs", noQueue)).toEqual([["queue", "is required"]]);
    expect(check("sqs", { ...cases.sqs.valid, region: "" })).toEqual([["region", "must not be empty"]]);
  });
});

describe("the EventSource spec around the source types", () => {
  it("counts events of unsupported types as events and reports their duplicate names", () => {
    const spec = {
      webhook: { push: { port: "12000", endpoint: "/push", method: "POST" } },
      github: { push: cases.github.valid },
    };
    const issues = issuesOf([{ ...eventSource("github", cases.github.valid), spec }]);
    expect(issues).toEqual([
      notSupported("github"),
      { path: "spec.github.push", message: "EventSource source: event name 'push' is already used by spec.webhook" },
    ]);
  });

  it("checks Argo's pod template and service strictly, and accepts them with a warning", () => {
    const webhook = { example: { port: "12000", endpoint: "/push", method: "POST" } };
    const base = { ...eventSource("webhook", webhook.example), spec: { webhook, replicas: 2 } };
    const template = {
      serviceAccountName: "events",
      container: { env: [{ name: "A", value: "1" }] },
      nodeSelector: { pool: "events" },
    };
    const service = { ports: [{ port: 12000, targetPort: 12000 }], metadata: { labels: { team: "a" } } };
    const { warnings } = parseManifests([{ ...base, spec: { ...base.spec, template, service } }]);
    expect(warnings.map((warning) => warning.path)).toEqual(["spec.template", "spec.service", "spec.replicas"]);
    const issues = issuesOf([
      {
        ...base,
        spec: { ...base.spec, template: { serviceAcountName: "events" }, service: { port: [] }, replicas: "2" },
      },
    ]);
    expect(issues.map((issue) => issue.path)).toEqual([
      "spec.template.serviceAcountName",
      "spec.service.port",
      "spec.replicas",
    ]);
  });
});

describe("a manifest with errors in several documents", () => {
  const manifest = `
apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: shop}
spec:
  webhook:
    order.created: {port: "12000", endpoint: /orders, method: POST}
    push: {port: "12000", endpoint: /push, method: POST}
  calendar:
    nightly: {schedule: "0 25 * * *", timezone: Mars/Olympus}
  github:
    push:
      repositories: [{owner: acme, names: [shop]}]
      webhook: {port: "12001", endpoint: /github, method: POST}
      webhookSecrets: {name: github, key: secret}
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: orders}
spec:
  dependencies:
    - {name: order, eventSourceName: shop, eventName: push}
  triggers:
    - template:
        name: notify
        conditions: order && refund
        conditionsReset: [{byTime: {cron: "61 * * * *"}}]
        http:
          url: http://127.0.0.1:9/hook
          payload:
            - src: {dependencyName: order, dataTemplate: "{{ .Input.body | nosuchfunc }}"}
              dest: id
      dlqTrigger:
        atLeastOnce: true
        template: {name: dlq, log: {}}
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: refunds}
spec:
  dependencies:
    - {name: refund, eventSourceName: shop, eventName: push}
  triggers:
    - template:
        name: notify
        atLeastOnce: true
        slack: {slackToken: {name: slack, key: token}, chanel: refunds}
---
apiVersion: argoproj.io/v1alpha1
kind: EventBus
metadata: {name: default}
spec:
  jetstream: {version: latest, replicas: 2}
`;

  function manifestIssues(text: string): string[] {
    try {
      parseManifests(text);
    } catch (error) {
      if (error instanceof ValidationError) return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
      throw error;
    }
    return [];
  }

  it("lists every schema error of every document, and the cross-field errors of documents whose schema passed", () => {
    expect(manifestIssues(manifest)).toEqual([
      // zod replaces the key's own message ("must not contain dots or whitespace") with its generic one
      `documents[0].spec.webhook["order.created"]: EventSource shop: invalid name: must not contain dots or whitespace`,
      expect.stringMatching(
        /^documents\[0\]\.spec\.calendar\.nightly\.schedule: EventSource shop: invalid cron schedule/,
      ),
      expect.stringMatching(/^documents\[0\]\.spec\.calendar\.nightly\.timezone: EventSource shop: invalid timezone/),
      "documents[0].spec.github.push.webhookSecrets: EventSource shop: unknown field 'webhookSecrets'",
      "documents[0].spec.github: EventSource shop: source type 'github' is not supported by Signalbox yet",
      "documents[0].spec.github.push: EventSource shop: event name 'push' is already used by spec.webhook",
      "documents[0].spec.webhook: EventSource shop: cannot be mixed with calendar in one EventSource: Argo runs those as singletons and webhook, github active/active; use two EventSources",
      expect.stringMatching(
        /^documents\[1\]\.spec\.triggers\[0\]\.template\.conditions: Sensor orders: unknown name refund/,
      ),
      expect.stringMatching(
        /^documents\[1\]\.spec\.triggers\[0\]\.template\.conditionsReset\[0\]\.byTime\.cron: Sensor orders: invalid cron/,
      ),
      'documents[1].spec.triggers[0].template.http.payload[0].src.dataTemplate: Sensor orders: function "nosuchfunc" not defined',
      "documents[1].spec.triggers[0].dlqTrigger: Sensor orders: needs atLeastOnce: true on the trigger (Argo runs a DLQ only then)",
      "documents[2].spec.triggers[0].template.slack.chanel: Sensor refunds: unknown field 'chanel'",
      "documents[2].spec.triggers[0].template.slack: Sensor refunds: trigger type 'slack' is not supported by Signalbox yet",
      "documents[2].spec.triggers[0].template.atLeastOnce: Sensor refunds: unknown field 'atLeastOnce': it belongs on the trigger, next to 'template' (Argo silently ignores it here)",
      "documents[3].spec.jetstream.replicas: EventBus default: must be 1 or at least 3 (Argo rejects 2 and less than 1)",
    ]);
  });

  // A typo must not hide the cross-field errors (conditions, cron, templates, dlqTrigger) of the same document.
  it("also lists the cross-field errors of a document that has schema errors", () => {
    const sensor = `
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: refunds}
spec:
  dependencies:
    - {name: refund, eventSourceName: shop, eventName: push}
  triggers:
    - template:
        name: notify
        conditions: refund && order
        htp: {url: http://127.0.0.1:9/hook}
`;
    const issues = manifestIssues(sensor);
    expect(issues).toContain("spec.triggers[0].template.htp: Sensor refunds: unknown field 'htp'");
    expect(issues).toContainEqual(
      expect.stringMatching(/^spec\.triggers\[0\]\.template\.conditions: Sensor refunds: unknown name order/),
    );
  });
});

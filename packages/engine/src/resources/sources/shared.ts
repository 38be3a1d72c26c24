/**
 * Pieces shared by the schemas of the source and trigger types (Argo Events' `pkg/apis/events/v1alpha1` Go types,
 * written as strict zod objects). Field names and types follow the Go JSON tags; a field is required here when Argo's own
 * validation (`pkg/eventsources/sources/<type>/validate.go`) rejects it missing, and cross-field rules from the same
 * validators are checks with the field's path. Pure, no runtime dependencies: the web console bundles it.
 */
import { z } from "zod";
import { parseGoDuration } from "../../sources/calendar/goTime.ts";
import { amount, backoff, configMapKeySelector, durationValue, secretKeySelector } from "../common.ts";

export { amount, backoff, configMapKeySelector, durationValue, secretKeySelector };

/** A required string: "is required" when missing, "must not be empty" when `""` (Go's zero value, which Argo rejects). */
export function requiredText(): z.ZodString {
  return z
    .string({ error: (issue) => (issue.input === undefined ? "is required" : undefined) })
    .min(1, "must not be empty");
}

/** `map[string]string`, e.g. the `metadata` each source copies into its events' data. */
export const stringMap = z.record(z.string(), z.string());

/** `filter` of a source: an antonmedv/expr `expression` evaluated on the event before it is published (§4.3). */
export const sourceFilter = z.strictObject({ expression: z.string().min(1) });

/** Go `time.ParseDuration` text (`10s`, `1m30s`), checked with Go's own error text. */
export const goDuration = z.string().superRefine((text, ctx) => {
  const parsed = parseGoDuration(text);
  if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.message });
});

/** A whole number in Go's `int32` range. */
export const int32 = z.number().int().min(-2_147_483_648).max(2_147_483_647);

/** A non-negative whole number (Go's unsigned ints, and signed ones where a negative value makes no sense). */
export const count = z.number().int().nonnegative();

/**
 * `Report` adds an issue with a path relative to the object a rule checks; rules see the object even when some of
 * its fields are invalid, so they only look at what is present and never assume a field's type.
 */
export type Report = (message: string, ...path: (string | number)[]) => void;

/** Whether a Go field is set: present and not its zero value (`""`). */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== "";
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Attach Argo's cross-field rules to an object schema. They run even when a field of the object is invalid, so one
 * apply lists every problem of the object at once.
 */
export function withRules<T extends z.ZodType>(
  schema: T,
  rules: (value: Record<string, unknown>, report: Report) => void,
): T {
  return schema.superRefine(
    (value, ctx) => {
      if (!isRecord(value)) return;
      rules(value, (message, ...path) => ctx.addIssue({ code: "custom", path, message }));
    },
    { when: (payload) => isRecord(payload.value) },
  );
}

/**
 * `schema`'s checks, plus `message` at the value's own path whenever the value is present: for an Argo type Signalbox
 * validates but does not run. The message is not a refinement on purpose: zod skips the refinements of every
 * enclosing object once a field inside fails an aborting check (a non-integer for `.int()`), and a type Signalbox
 * does not run must never be accepted, nor its refusal go unsaid.
 */
export function refusedType(schema: z.ZodType, message: string): z.ZodType<unknown> {
  return z.unknown().check((payload) => {
    const result = schema.safeParse(payload.value);
    for (const issue of result.error?.issues ?? []) {
      payload.issues.push({ ...issue, path: [...issue.path], input: payload.value } as z.core.$ZodRawIssue);
    }
    payload.issues.push({ code: "custom", message, input: payload.value });
  });
}

/** Report unless exactly one of `fields` is set. */
export function exactlyOne(value: Record<string, unknown>, report: Report, fields: readonly string[]): void {
  const set = fields.filter((field) => isSet(value[field]));
  if (set.length > 1) report(`set only one of ${fields.join(", ")}`, set[1] ?? "");
  else if (set.length === 0) report(`needs one of ${fields.join(", ")}`);
}

/** Argo's `TLSConfig`, with the rules of its `ValidateTLSConfig` (certificates, or `enabled`, or `insecureSkipVerify`). */
export const tlsConfig = withRules(
  z.strictObject({
    caCertSecret: secretKeySelector.optional(),
    clientCertSecret: secretKeySelector.optional(),
    clientKeySecret: secretKeySelector.optional(),
    insecureSkipVerify: z.boolean().optional(),
    enabled: z.boolean().optional(),
  }),
  (tls, report) => {
    if (tls.insecureSkipVerify === true) return;
    const ca = isSet(tls.caCertSecret);
    const cert = isSet(tls.clientCertSecret);
    const key = isSet(tls.clientKeySecret);
    if (!ca && !cert && !key && tls.enabled !== true) {
      report(
        "needs caCertSecret, or clientCertSecret and clientKeySecret, or enabled: true, or insecureSkipVerify: true",
      );
    }
    if (cert !== key)
      report("needs both clientCertSecret and clientKeySecret", cert ? "clientKeySecret" : "clientCertSecret");
  },
);

/** Argo's `BasicAuth`: Secret references for a username and a password. */
export const basicAuth = z.strictObject({
  username: secretKeySelector.optional(),
  password: secretKeySelector.optional(),
});

/** `BasicAuth` where Argo's `ValidateBasicAuth` applies: both references must be given. */
export const completeBasicAuth = z.strictObject({
  username: secretKeySelector,
  password: secretKeySelector,
});

/** HTTP methods a webhook-style source can be bound to (compared case-sensitively by Argo). */
export const httpMethod = z.enum(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);

/**
 * Argo's `WebhookContext`: the HTTP server of a webhook-style source (github, gitlab, sns, slack, …). Its
 * `ValidateWebhookContext` requires `endpoint` and a numeric `port`; `method` is required here as for `webhook`,
 * because Argo answers 400 to every request when it is empty.
 */
export const webhookContext = z.strictObject({
  endpoint: requiredText().regex(/^\//, "must start with '/'"),
  method: httpMethod,
  port: z
    .union([z.string(), z.number()])
    .transform(String)
    .pipe(z.string().regex(/^\d{1,5}$/, "must be a port number")),
  url: z.string().optional(),
  serverCertSecret: secretKeySelector.optional(),
  serverKeySecret: secretKeySelector.optional(),
  metadata: stringMap.optional(),
  authSecret: secretKeySelector.optional(),
  maxPayloadSize: z.number().int().positive().optional(),
});
export type WebhookContext = z.infer<typeof webhookContext>;

/** fsnotify operations (`CREATE`, `WRITE`, `REMOVE`, `RENAME`, `CHMOD`), several joined by `|` as Go prints them. */
export const fileOperation = z
  .string()
  .regex(
    /^(CREATE|WRITE|REMOVE|RENAME|CHMOD)(\|(CREATE|WRITE|REMOVE|RENAME|CHMOD))*$/,
    "must be CREATE, WRITE, REMOVE, RENAME or CHMOD (several joined by '|')",
  );

/** The fields of Argo's `WatchPathConfig` (inlined by `hdfs`, nested by `file` and `sftp`). */
export const watchPathFields = {
  directory: requiredText(),
  path: z.string().optional(),
  pathRegexp: z.string().optional(),
};

/** The rules of `WatchPathConfig.Validate`: an absolute directory, and a relative `path` or a `pathRegexp`. */
export function watchPathRules(value: Record<string, unknown>, report: Report): void {
  const { directory, path, pathRegexp } = value;
  if (typeof directory === "string" && directory !== "" && !directory.startsWith("/"))
    report("must be an absolute path", "directory");
  if (!isSet(path) && !isSet(pathRegexp)) report("needs path or pathRegexp");
  if (isSet(path) && isSet(pathRegexp)) report("set only one of path, pathRegexp", "pathRegexp");
  if (typeof path === "string" && path.startsWith("/")) report("must be a path relative to directory", "path");
  if (typeof pathRegexp === "string" && pathRegexp !== "") {
    try {
      new RegExp(pathRegexp);
    } catch (error) {
      report(`is not a valid regular expression: ${(error as Error).message}`, "pathRegexp");
    }
  }
}

/** Argo's `WatchPathConfig`. */
export const watchPathConfig = withRules(z.strictObject(watchPathFields), watchPathRules);

/** Argo's `S3Artifact`: the `minio` source, and the `s3` location of k8s/argoWorkflow trigger sources. */
export const s3Artifact = z.strictObject({
  endpoint: requiredText(),
  bucket: z.strictObject({ key: z.string().optional(), name: requiredText() }).optional(),
  region: z.string().optional(),
  insecure: z.boolean().optional(),
  accessKey: secretKeySelector,
  secretKey: secretKeySelector,
  events: z.array(z.string().min(1)).optional(),
  filter: z.strictObject({ prefix: z.string().optional(), suffix: z.string().optional() }).optional(),
  metadata: stringMap.optional(),
  caCertificate: secretKeySelector.optional(),
});

/** Argo's `GithubAppCreds` (github source, git artifact). */
export const githubAppCreds = z.strictObject({
  privateKey: secretKeySelector,
  appID: z.number().int().positive(),
  installationID: z.number().int().positive(),
});

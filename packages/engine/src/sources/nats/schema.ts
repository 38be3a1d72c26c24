/**
 * Schema of a `nats` event (Argo's `NATSEventsSource`, §4.2), plus the connection pieces the nats trigger shares:
 * Argo's `TLSConfig` (with `enabled`) and `NATSAuth`. Pure: runs at apply time, in the server and in the console.
 *
 * Argo's own checks are applied here, not when the source starts: `url` and `subject` required, a `queue` that is
 * set must not be empty, TLS needs a CA or a client pair (or `enabled`, or `insecureSkipVerify`), and a client
 * certificate needs its key. Argo stops at the first failing check (and skips the queue check when `tls` is set);
 * Signalbox reports every problem with its path.
 */
import { z } from "zod";
import { backoff, secretKeySelector } from "../../resources/common.ts";
import { sourceFilter, tlsConfig, withRules } from "../../resources/sources/shared.ts";

/** Argo's `TLSConfig` of queue clients (with `enabled`), checked like Argo's `ValidateTLSConfig`. */
export const clientTlsConfig = tlsConfig;
export type ClientTlsConfig = z.infer<typeof clientTlsConfig>;

/**
 * Argo's `NATSAuth`. Argo takes the first one set of basic, token, nkey, credential and ignores the rest; Signalbox
 * asks for exactly one. `nkey` is a Secret key holding an NKey seed (`SU…`, as nats.go's seed file), `credential`
 * one holding a `.creds` file (JWT + seed).
 */
export const natsAuth = withRules(
  z.strictObject({
    basic: z.strictObject({ username: secretKeySelector, password: secretKeySelector }).optional(),
    token: secretKeySelector.optional(),
    nkey: secretKeySelector.optional(),
    credential: secretKeySelector.optional(),
  }),
  (auth, report) => {
    const set = ["basic", "token", "nkey", "credential"].filter((key) => auth[key] !== undefined && auth[key] !== null);
    if (set.length === 0) report("set one of basic, token, nkey, credential");
    if (set.length > 1) {
      report(
        `set only one of basic, token, nkey, credential (Argo would use ${set[0]} and ignore the others)`,
        set[1] ?? "",
      );
    }
  },
);
export type NatsAuth = z.infer<typeof natsAuth>;

/** Whether a subject is one NATS accepts: dot-separated non-empty tokens without blanks; `>` only last. */
export function natsSubjectIssue(subject: string, options: { wildcards: boolean }): string | undefined {
  if (subject === "") return "must not be empty";
  if (/\s/.test(subject)) return "must not contain whitespace";
  const tokens = subject.split(".");
  if (tokens.some((token) => token === "")) return "must not contain empty tokens (leading, trailing or double dots)";
  if (!options.wildcards && tokens.some((token) => token === "*" || token === ">")) {
    return "wildcards (* and >) are for subscriptions: a publish subject must be literal";
  }
  if (tokens.slice(0, -1).includes(">")) return "'>' is only allowed as the last token";
  return undefined;
}

/** A required subject NATS accepts. */
export function natsSubject(requiredMessage: string, options: { wildcards: boolean }) {
  return z
    .string()
    .min(1, requiredMessage)
    .superRefine((subject, ctx) => {
      const issue = subject === "" ? undefined : natsSubjectIssue(subject, options);
      if (issue) ctx.addIssue({ code: "custom", message: issue });
    });
}

/** One `nats` event: a core NATS subscription (§4.2). */
export const natsEvent = z.strictObject({
  url: z.string().min(1, "url must be specified"),
  subject: natsSubject("subject must be specified", { wildcards: true }),
  queue: z
    .string()
    .min(1, "queue group cannot be empty if specified")
    .regex(/^\S*$/, "must not contain whitespace")
    .optional(),
  connectionBackoff: backoff.optional(),
  jsonBody: z.boolean().optional(),
  tls: clientTlsConfig.optional(),
  metadata: z.record(z.string(), z.string()).optional(),
  auth: natsAuth.optional(),
  filter: sourceFilter.optional(),
});
export type NatsEvent = z.infer<typeof natsEvent>;

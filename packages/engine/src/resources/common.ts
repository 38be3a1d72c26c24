/**
 * Shared pieces of the `argoproj.io/v1alpha1` schemas. Objects are strict: an unknown field is an error with its
 * path, because the Kubernetes API server silently drops them and users lose hours to typos.
 */
import { z } from "zod";

/** A Kubernetes-style name without dots (dots break Argo's JetStream subjects `default.<source>.<event>`). */
export const resourceName = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "must be lowercase letters, digits and '-', without dots");

/** Event and dependency names: anything but dots and whitespace. */
export const eventName = z
  .string()
  .min(1)
  .regex(/^[^.\s]+$/, "must not contain dots or whitespace");

/** `metadata` of a resource. Only name/namespace matter; the rest is kept and reported as Kubernetes-only. */
export const objectMeta = z.looseObject({
  name: resourceName,
  namespace: resourceName.optional(),
  labels: z.record(z.string(), z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
  resourceVersion: z.string().optional(),
  generation: z.number().optional(),
  uid: z.string().optional(),
  creationTimestamp: z.unknown().optional(),
});

/** `{name, key}` reference into a v1 Secret. */
export const secretKeySelector = z.strictObject({
  name: z.string().min(1),
  key: z.string().min(1),
  optional: z.boolean().optional(),
});
export type SecretKeySelector = z.infer<typeof secretKeySelector>;

/** `{name, key}` reference into a v1 ConfigMap. */
export const configMapKeySelector = secretKeySelector;

/** Argo's TLS block. */
export const tlsConfig = z.strictObject({
  caCertSecret: secretKeySelector.optional(),
  clientCertSecret: secretKeySelector.optional(),
  clientKeySecret: secretKeySelector.optional(),
  insecureSkipVerify: z.boolean().optional(),
});

/** Go duration string (`10s`, `1h30m`, `250ms`) or integer nanoseconds, as in Argo's `Int64OrString`. */
export const durationValue = z.union([z.number().int().nonnegative(), z.string().min(1)]);

/** Argo's `Amount`: a JSON number, also accepted as a numeric string. */
export const amount = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/, "must be a number")]);

/** Argo's `Backoff`. */
export const backoff = z.strictObject({
  duration: durationValue.optional(),
  factor: amount.optional(),
  jitter: amount.optional(),
  steps: z.number().int().nonnegative().optional(),
});
export type Backoff = z.infer<typeof backoff>;

/** Kubernetes-only fields: accepted, ignored, reported as a warning. */
export const kubernetesOnly = z.unknown().optional();

/** Parse a Go duration string into milliseconds; `undefined` when it is not one. */
export function parseGoDuration(text: string): number | undefined {
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, "µs": 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const trimmed = text.trim();
  if (trimmed === "0") return 0;
  const pattern = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g;
  let total = 0;
  let consumed = 0;
  for (const match of trimmed.matchAll(pattern)) {
    if (match.index !== consumed) return undefined;
    total += Number(match[1]) * (units[match[2] ?? ""] ?? Number.NaN);
    consumed += match[0].length;
  }
  return consumed === trimmed.length && consumed > 0 ? total : undefined;
}

/** Milliseconds of a `durationValue`: numbers are nanoseconds (Argo), strings Go durations. */
export function durationToMs(value: number | string | undefined, fallbackMs: number): number {
  if (value === undefined) return fallbackMs;
  if (typeof value === "number") return value / 1e6;
  if (/^\d+$/.test(value)) return Number(value) / 1e6;
  return parseGoDuration(value) ?? fallbackMs;
}

/**
 * Secret material of NATS and Kafka clients (sources and triggers): Argo's `tls`, NATS `auth` and Kafka `sasl`,
 * read from the namespace's Secrets. Pure apart from the resolver; no client library is loaded here, so the trigger
 * preparation that uses it stays previewable in the console.
 */
import type { SecretKeySelector } from "../../resources/common.ts";
import type { SecretResolver } from "../registry.ts";
import type { ClientTlsConfig, NatsAuth } from "./schema.ts";
import type { SaslConfig } from "../kafka/schema.ts";
import { kafkajsMechanism } from "../kafka/schema.ts";

/** TLS material as PEM text; `{}` means TLS with the system roots (Argo's `enabled`). */
export interface ResolvedTls {
  ca?: string;
  cert?: string;
  key?: string;
  insecureSkipVerify?: boolean;
}

/** NATS credentials, resolved. */
export type ResolvedNatsAuth =
  | { type: "basic"; username: string; password: string }
  | { type: "token"; token: string }
  | { type: "nkey"; seed: string }
  | { type: "credential"; creds: string };

/** Kafka SASL, resolved, with kafkajs' mechanism name. */
export interface ResolvedSasl {
  mechanism: "plain" | "scram-sha-256" | "scram-sha-512";
  username: string;
  password: string;
}

/** Thrown when a referenced Secret key does not exist (yet). */
export class MissingSecretError extends Error {
  constructor(
    readonly path: string,
    selector: SecretKeySelector,
  ) {
    super(`${path}: Secret ${selector.name} has no key ${selector.key} (or does not exist)`);
    this.name = "MissingSecretError";
  }
}

/** Reads Secret keys of one namespace; a missing one throws {@link MissingSecretError} naming the field. */
export function secretReader(secrets: SecretResolver, namespace: string) {
  return async (selector: SecretKeySelector, path: string): Promise<string> => {
    const value = await secrets.resolve(namespace, "Secret", selector);
    if (value === undefined) throw new MissingSecretError(path, selector);
    return value;
  };
}
type Read = ReturnType<typeof secretReader>;

/** Argo's `tls` block with the PEM contents. */
export async function resolveClientTls(tls: ClientTlsConfig | undefined, read: Read): Promise<ResolvedTls | undefined> {
  if (!tls) return undefined;
  const out: ResolvedTls = {};
  if (tls.caCertSecret) out.ca = await read(tls.caCertSecret, "tls.caCertSecret");
  if (tls.clientCertSecret) out.cert = await read(tls.clientCertSecret, "tls.clientCertSecret");
  if (tls.clientKeySecret) out.key = await read(tls.clientKeySecret, "tls.clientKeySecret");
  if (tls.insecureSkipVerify) out.insecureSkipVerify = true;
  return out;
}

/** Argo's NATS `auth` block with the secret values (the schema allows exactly one method). */
export async function resolveNatsAuth(auth: NatsAuth | undefined, read: Read): Promise<ResolvedNatsAuth | undefined> {
  if (!auth) return undefined;
  if (auth.basic) {
    return {
      type: "basic",
      username: await read(auth.basic.username, "auth.basic.username"),
      password: await read(auth.basic.password, "auth.basic.password"),
    };
  }
  if (auth.token) return { type: "token", token: await read(auth.token, "auth.token") };
  if (auth.nkey) return { type: "nkey", seed: nkeySeed(await read(auth.nkey, "auth.nkey")) };
  if (auth.credential) return { type: "credential", creds: await read(auth.credential, "auth.credential") };
  return undefined;
}

/** Argo's Kafka `sasl` block with the user and password. */
export async function resolveSasl(sasl: SaslConfig | undefined, read: Read): Promise<ResolvedSasl | undefined> {
  if (!sasl?.userSecret || !sasl.passwordSecret) return undefined;
  return {
    mechanism: kafkajsMechanism(sasl.mechanism),
    username: await read(sasl.userSecret, "sasl.userSecret"),
    password: await read(sasl.passwordSecret, "sasl.passwordSecret"),
  };
}

/**
 * The NKey seed in a seed file: the file may be the bare seed or a decorated one (`-----BEGIN USER NKEY SEED-----`),
 * as nats.go's `NkeyOptionFromSeed` accepts.
 */
export function nkeySeed(contents: string): string {
  return /S[A-Z][A-Z2-7]{56}/.exec(contents)?.[0] ?? contents.trim();
}

/**
 * The `nats` trigger (§6.2): a core NATS publish of the payload bytes on `subject`.
 *
 * `prepare` is pure (the console previews it): it applies `nats.parameters` to the spec, builds the payload (§7.3)
 * and reads `auth` and `tls` from Secrets. `execute` publishes on a connection shared by every trigger with the same
 * URL, credentials and TLS (Argo keeps one per trigger name), then flushes: the attempt succeeds only once the
 * server has processed the publish (a PING/PONG round trip), where Argo's `Publish` returns as soon as the message
 * is buffered in the client. Core NATS has no acknowledgement beyond that: a subject nobody listens to still
 * counts as delivered, as in Argo.
 *
 * Deliberate difference: Argo publishes on the subject of the template as applied by `trigger.parameters`, ignoring
 * what `nats.parameters` wrote there (its `Execute` reads the original spec); Signalbox publishes on the subject
 * after both, as the field's documentation describes.
 *
 * The NATS client is loaded only when a publish runs, through {@link loadClientModule}, so this file stays free of
 * Node-only imports on the console's preview path.
 */
import { NonRetriableError, errorMessage } from "../errors.ts";
import type { TriggerEvent } from "../mapping/events.ts";
import type * as publisherModule from "./nats/publisher.ts";
import { applyParameters, buildPayload } from "../mapping/params.ts";
import { resolveClientTls, resolveNatsAuth, secretReader } from "../sources/nats/secrets.ts";
import { loadClientModule } from "./nats/load.ts";
import { natsTriggerSpec, type NatsTriggerSpec } from "./nats/schema.ts";
import type { PreparedNatsPublish, TriggerKindDefinition } from "./types.ts";

/** The publisher module, loaded on first use. */
type Publisher = typeof publisherModule;

/** Prepare and run NATS publishes. */
export const natsTrigger: TriggerKindDefinition<NatsTriggerSpec> = {
  type: "nats",
  async prepare(spec, events, context) {
    const resolved = applyTypeParameters(spec, events, context.now);
    const read = secretReader(context.secrets, context.namespace);
    let auth: PreparedNatsPublish["auth"];
    let tls: PreparedNatsPublish["tls"];
    try {
      auth = await resolveNatsAuth(resolved.auth, read);
      tls = await resolveClientTls(resolved.tls, read);
    } catch (error) {
      throw new NonRetriableError(`nats: ${errorMessage(error)}`, { cause: error });
    }
    return {
      kind: "nats",
      url: resolved.url,
      subject: resolved.subject,
      payload: buildPayload(resolved.payload, events, { now: context.now }),
      ...(auth ? { auth } : {}),
      ...(tls ? { tls } : {}),
    };
  },
  async execute(action, context) {
    if (action.kind !== "nats") throw new Error("nats trigger got a non-nats action");
    const publisher = await loadClientModule<Publisher>("nats");
    return publisher.publishNats(action, context);
  },
};

/** `nats.parameters` applied to the rest of the spec (dest relative to `template.nats`), checked again. */
function applyTypeParameters(
  spec: NatsTriggerSpec,
  events: Readonly<Record<string, TriggerEvent>>,
  now: () => Date,
): NatsTriggerSpec {
  const { parameters, ...rest } = spec;
  if (!parameters || parameters.length === 0) return spec;
  const rewritten: unknown = JSON.parse(applyParameters(JSON.stringify(rest), parameters, events, { now }));
  const parsed = natsTriggerSpec.safeParse(rewritten);
  if (!parsed.success) throw new NonRetriableError(`nats.parameters produced an invalid spec: ${parsed.error.message}`);
  return parsed.data;
}

/**
 * The `kafka` trigger (§6.2): produce the payload to `topic`, keyed by `partitioningKey`, with `headers` and
 * `secureHeaders` as record headers.
 *
 * `prepare` is pure (the console previews it): it applies `kafka.parameters` to the spec (that is how a key comes
 * from event data: `partitioningKey` itself is a literal string, as in Argo), builds the payload (§7.3) and reads
 * secure headers, `tls` and `sasl` from Secrets and ConfigMaps. `execute` sends on a producer shared by every
 * trigger with the same brokers, TLS and SASL (Argo keeps one per trigger name).
 *
 * As in Argo: `requiredAcks` defaults to -1 (all in-sync replicas), also when set to 0; a key picks its partition
 * with sarama's hash partitioner (FNV-1a), so Signalbox and Argo put the same key on the same partition; the record
 * timestamp is the send time.
 *
 * Deliberate differences:
 * - Argo's producer is asynchronous: `Execute` succeeds once the message is queued and a delivery error is only
 *   logged. Signalbox waits for the broker's acknowledgement (per `requiredAcks`), so a failed send is a failed
 *   attempt that `retryStrategy`, `atLeastOnce` and `dlqTrigger` see, and the run's record is honest.
 * - `flushFrequency` (Argo's batching linger) has no effect: each message is sent at once.
 * - `compress: true` compresses with gzip, not snappy (kafkajs has no snappy codec); consumers decompress either.
 * - Argo's kafka trigger skips certificate verification whenever `tls` is set; Signalbox verifies unless
 *   `insecureSkipVerify` is set.
 */
import { NonRetriableError, errorMessage } from "../errors.ts";
import type { TriggerEvent } from "../mapping/events.ts";
import type * as producerModule from "./kafka/producer.ts";
import { applyParameters, buildPayload } from "../mapping/params.ts";
import { resolveClientTls, resolveSasl, secretReader } from "../sources/nats/secrets.ts";
import { kafkaTriggerSpec, type KafkaTriggerSpec } from "./kafka/schema.ts";
import { loadClientModule } from "./nats/load.ts";
import type { PreparedKafkaMessage, TriggerKindDefinition } from "./types.ts";

/** The producer module, loaded on first use. */
type Producer = typeof producerModule;

/** Prepare and send Kafka records. */
export const kafkaTrigger: TriggerKindDefinition<KafkaTriggerSpec> = {
  type: "kafka",
  async prepare(spec, events, context) {
    const resolved = applyTypeParameters(spec, events, context.now);
    const read = secretReader(context.secrets, context.namespace);
    const headers: [string, string][] = Object.entries(resolved.headers ?? {});
    const secretHeaders: string[] = [];
    let tls: PreparedKafkaMessage["tls"];
    let sasl: PreparedKafkaMessage["sasl"];
    try {
      for (const [index, secure] of (resolved.secureHeaders ?? []).entries()) {
        const { secretKeyRef, configMapKeyRef } = secure.valueFrom;
        if (secretKeyRef) {
          headers.push([secure.name, await read(secretKeyRef, `secureHeaders[${index}].valueFrom.secretKeyRef`)]);
          secretHeaders.push(secure.name);
        } else if (configMapKeyRef) {
          const value = await context.secrets.resolve(context.namespace, "ConfigMap", configMapKeyRef);
          if (value === undefined) {
            throw new Error(
              `secureHeaders[${index}]: ConfigMap ${configMapKeyRef.name} has no key ${configMapKeyRef.key} (or does not exist)`,
            );
          }
          headers.push([secure.name, value]);
        }
      }
      tls = await resolveClientTls(resolved.tls, read);
      sasl = await resolveSasl(resolved.sasl, read);
    } catch (error) {
      throw new NonRetriableError(`kafka: ${errorMessage(error)}`, { cause: error });
    }
    const acks = resolved.requiredAcks === 1 ? 1 : -1;
    return {
      kind: "kafka",
      url: resolved.url,
      topic: resolved.topic,
      ...(resolved.partitioningKey !== undefined ? { key: resolved.partitioningKey } : {}),
      value: buildPayload(resolved.payload, events, { now: context.now }),
      headers,
      secretHeaders,
      acks,
      compression: resolved.compress ? "gzip" : "none",
      ...(tls ? { tls } : {}),
      ...(sasl ? { sasl } : {}),
    };
  },
  async execute(action, context) {
    if (action.kind !== "kafka") throw new Error("kafka trigger got a non-kafka action");
    const producer = await loadClientModule<Producer>("kafka");
    return producer.produceKafka(action, context);
  },
};

/** `kafka.parameters` applied to the rest of the spec (dest relative to `template.kafka`), checked again. */
function applyTypeParameters(
  spec: KafkaTriggerSpec,
  events: Readonly<Record<string, TriggerEvent>>,
  now: () => Date,
): KafkaTriggerSpec {
  const { parameters, ...rest } = spec;
  if (!parameters || parameters.length === 0) return spec;
  const rewritten: unknown = JSON.parse(applyParameters(JSON.stringify(rest), parameters, events, { now }));
  const parsed = kafkaTriggerSpec.safeParse(rewritten);
  if (!parsed.success)
    throw new NonRetriableError(`kafka.parameters produced an invalid spec: ${parsed.error.message}`);
  return parsed.data;
}

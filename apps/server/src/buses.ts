/**
 * Which bus an EventBus resource means, built from the host's configuration (Argo §1.3):
 * - none (a namespace without an EventBus `default`): the embedded log, stream `<namespace>/<bus>`;
 * - `jetstream` (native): the process's own NATS (`SIGNALBOX_NATS_URL`), names prefixed by namespace
 *   (stream `<ns>_<bus>`, subjects `<ns>.<bus>.<source>.<event>`, KV `<ns>_<bus>_<sensor>`);
 * - `jetstreamExotic`: an existing NATS with Argo's exact names (stream `default`, subjects `default.<es>.<ev>`);
 * - `kafka`: the brokers of `spec.kafka.url`, topic `spec.kafka.topic` or `<ns>-<bus>`.
 */
import { systemClock, type BusTarget, type EventBus, type Logger, type SecretResolver } from "@signalbox/engine";
import { createEmbeddedBus, openEmbeddedLog, type EmbeddedLog } from "@signalbox/engine/bus/embedded";
import type { Config } from "./config.ts";
import { join } from "node:path";

/** Opens buses for the engine; owns the embedded log file. */
export class BusFactory {
  private embedded: EmbeddedLog | undefined;

  constructor(
    private readonly config: Config,
    private readonly logger: Logger,
    private readonly secrets: SecretResolver,
  ) {}

  /** The engine's `openBus`. */
  open = async (target: BusTarget): Promise<EventBus> => {
    const spec = target.spec;
    if (!spec) return this.openEmbedded(target);
    if (spec.jetstream) {
      if (!this.config.natsUrl) throw new Error("a jetstream EventBus needs SIGNALBOX_NATS_URL (the NATS server Signalbox runs jetstream buses on)");
      const { createJetStreamBus, namespacedNames } = await import("@signalbox/engine/bus/nats");
      return createJetStreamBus({
        servers: this.config.natsUrl,
        name: `signalbox ${target.namespace}/${target.name}`,
        ...namespacedNames(target.namespace, target.name),
        ...(spec.jetstream.streamConfig ? { streamConfig: spec.jetstream.streamConfig } : {}),
        logger: this.logger.child({ eventBus: `${target.namespace}/${target.name}` }),
        onReplicasCapped: (capped) =>
          target.setCondition("ReplicasCapped", "True", "ReplicasCapped", `stream ${capped.stream}: replicas ${capped.requested} capped to ${capped.used} (${capped.reason})`),
      });
    }
    if (spec.jetstreamExotic) {
      const exotic = spec.jetstreamExotic;
      const { createJetStreamBus, ARGO_NAMES, parseAccessSecret } = await import("@signalbox/engine/bus/nats");
      const secret = (selector: { name: string; key: string } | undefined) => (selector ? this.secrets.resolve(target.namespace, "Secret", selector) : Promise.resolve(undefined));
      const access = exotic.accessSecret ? await secret(exotic.accessSecret) : undefined;
      if (exotic.accessSecret && access === undefined) throw new Error(`accessSecret ${exotic.accessSecret.name}/${exotic.accessSecret.key} not found`);
      const [ca, cert, key] = await Promise.all([secret(exotic.tls?.caCertSecret), secret(exotic.tls?.clientCertSecret), secret(exotic.tls?.clientKeySecret)]);
      return createJetStreamBus({
        servers: exotic.url,
        name: `signalbox ${target.namespace}/${target.name}`,
        ...ARGO_NAMES,
        ...(access ? parseAccessSecret(access) : {}),
        ...(exotic.tls ? { tls: { ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}), ...(exotic.tls.insecureSkipVerify ? { insecureSkipVerify: true } : {}) } } : {}),
        ...(exotic.streamConfig ? { streamConfig: exotic.streamConfig } : {}),
        logger: this.logger.child({ eventBus: `${target.namespace}/${target.name}` }),
        onReplicasCapped: (capped) =>
          target.setCondition("ReplicasCapped", "True", "ReplicasCapped", `stream ${capped.stream}: replicas ${capped.requested} capped to ${capped.used} (${capped.reason})`),
      });
    }
    if (spec.kafka) {
      const kafka = spec.kafka;
      const { createKafkaBus } = await import("@signalbox/engine/bus/kafka");
      const secret = (selector: { name: string; key: string } | undefined) => (selector ? this.secrets.resolve(target.namespace, "Secret", selector) : Promise.resolve(undefined));
      const [caCert, clientCert, clientKey, user, password] = await Promise.all([
        secret(kafka.tls?.caCertSecret),
        secret(kafka.tls?.clientCertSecret),
        secret(kafka.tls?.clientKeySecret),
        secret(kafka.sasl?.userSecret),
        secret(kafka.sasl?.passwordSecret),
      ]);
      if (kafka.sasl && (user === undefined || password === undefined)) throw new Error("kafka sasl: userSecret/passwordSecret not found");
      return createKafkaBus({
        brokers: kafka.url,
        namespace: target.namespace,
        busName: target.name,
        clientId: `signalbox-${target.namespace}-${target.name}`,
        ...(kafka.topic ? { topic: kafka.topic } : {}),
        ...(kafka.version ? { version: kafka.version } : {}),
        ...(kafka.tls
          ? { tls: { ...(caCert ? { caCert } : {}), ...(clientCert ? { clientCert } : {}), ...(clientKey ? { clientKey } : {}), ...(kafka.tls.insecureSkipVerify ? { insecureSkipVerify: true } : {}) } }
          : {}),
        ...(kafka.sasl && user !== undefined && password !== undefined ? { sasl: { ...(kafka.sasl.mechanism ? { mechanism: kafka.sasl.mechanism } : {}), user, password } } : {}),
        ...(kafka.consumerGroup ? { consumerGroup: kafka.consumerGroup } : {}),
        ...(kafka.partitioner ? { partitioner: kafka.partitioner } : {}),
        logger: this.logger.child({ eventBus: `${target.namespace}/${target.name}` }),
      });
    }
    throw new Error("unsupported EventBus kind");
  };

  private openEmbedded(target: BusTarget): EventBus {
    this.embedded ??= openEmbeddedLog({ file: join(this.config.dataDir, "bus.db"), clock: systemClock, logger: this.logger.child({ component: "bus" }) });
    return createEmbeddedBus({ log: this.embedded, stream: `${target.namespace}/${target.name}`, clock: systemClock });
  }

  /** Close the embedded log (after the engine closed its buses). */
  close(): void {
    this.embedded?.close();
  }
}

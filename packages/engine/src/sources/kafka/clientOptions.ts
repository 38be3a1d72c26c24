/**
 * kafkajs client options of the kafka source and trigger, built with the Kafka bus's own mapping
 * (`bus/kafka/options.ts`: TLS, SASL mechanisms, broker list, kafkajs logs at warn and error only).
 */
import { Kafka } from "kafkajs";
import { kafkaClientConfig, resolveSettings, type KafkaBusOptions } from "../../bus/kafka/options.ts";
import type { Logger } from "../../host.ts";
import type { ResolvedSasl, ResolvedTls } from "../nats/secrets.ts";

/** A kafkajs client for Argo's `url`, `tls` and `sasl` (already read from Secrets). */
export function kafkaClient(options: {
  url: string;
  /** A topic the client uses (the bus's settings want one; nothing depends on it). */
  topic: string;
  clientId: string;
  tls: ResolvedTls | undefined;
  sasl: ResolvedSasl | undefined;
  logger: Logger;
}): Kafka {
  const { tls, sasl } = options;
  const busOptions: KafkaBusOptions = {
    brokers: options.url,
    topic: options.topic,
    clientId: options.clientId,
    logger: options.logger,
    ...(tls
      ? {
          tls: {
            ...(tls.ca ? { caCert: tls.ca } : {}),
            ...(tls.cert ? { clientCert: tls.cert } : {}),
            ...(tls.key ? { clientKey: tls.key } : {}),
            ...(tls.insecureSkipVerify ? { insecureSkipVerify: true } : {}),
          },
        }
      : {}),
    // The bus takes Argo's mechanism names.
    ...(sasl
      ? { sasl: { mechanism: sasl.mechanism.toUpperCase(), user: sasl.username, password: sasl.password } }
      : {}),
  };
  return new Kafka(kafkaClientConfig(busOptions, resolveSettings(busOptions)));
}

/** A logger that turns warnings and errors into debug lines once `signal` aborted (a stopping client's noise). */
export function quietAfter(logger: Logger, signal: AbortSignal): Logger {
  return {
    debug: (message, fields) => logger.debug(message, fields),
    info: (message, fields) => logger.info(message, fields),
    warn: (message, fields) => (signal.aborted ? logger.debug(message, fields) : logger.warn(message, fields)),
    error: (message, fields) => (signal.aborted ? logger.debug(message, fields) : logger.error(message, fields)),
    child: (fields) => quietAfter(logger.child(fields), signal),
  };
}

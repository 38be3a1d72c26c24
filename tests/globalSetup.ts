// Vitest globalSetup of the `integration` project: real services, started (installed if needed) by the project's own
// scripts (scripts/services/index.mjs). They are left running at teardown: `npm test` stops them at the end, and a
// developer's next run reuses them (warm `up` is a no-op).
import type { TestProject } from "vitest/node";
import { up, ServicesError } from "../scripts/services/index.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    SIGNALBOX_TEST_NATS_URL: string;
    /** Admin URL of a superuser role (tests may CREATE DATABASE). */
    SIGNALBOX_TEST_DATABASE_URL: string;
    /** host:port of the single Kafka broker. */
    SIGNALBOX_TEST_KAFKA_BROKERS: string;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const started = Date.now();
  let services;
  try {
    services = await up(["nats", "postgres", "kafka"]);
  } catch (err) {
    const failed =
      err instanceof ServicesError
        ? err.failed.join(", ")
        : "nats/postgres/kafka";
    const detail = err instanceof Error ? err.message : String(err);
    throw new Error(
      `integration services failed to start: ${failed}\n${detail}`,
    );
  }
  const values = {
    SIGNALBOX_TEST_NATS_URL: services.nats.url,
    SIGNALBOX_TEST_DATABASE_URL: services.postgres.url,
    SIGNALBOX_TEST_KAFKA_BROKERS: services.kafka.url,
  } as const;
  for (const [key, value] of Object.entries(values) as Array<
    [keyof typeof values, string]
  >) {
    process.env[key] = value; // inherited by the test workers
    project.provide(key, value);
  }
  process.stderr.write(
    `[services] integration services ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
}

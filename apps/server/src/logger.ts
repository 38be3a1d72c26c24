/**
 * JSON-lines logging (pino) and the adapter the engine logs through. Fields whose names suggest a secret are
 * redacted wherever they appear, so a careless log call cannot leak one.
 */
import { pino, type Logger as PinoLogger } from "pino";
import type { Logger, LogFields } from "@signalbox/engine";

const secretish = /pass(word)?|secret|token|authorization|api[-_]?key|credential|cookie/i;

/** Replace values of secret-looking keys, recursively (bounded depth). */
export function redactFields(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => redactFields(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    out[key] = secretish.test(key) && (typeof field === "string" || Array.isArray(field)) ? "<redacted>" : redactFields(field, depth + 1);
  }
  return out;
}

/** Create the process logger. */
export function createLogger(options: { level: string; format: "json" | "pretty"; destination?: NodeJS.WritableStream }): PinoLogger {
  return pino(
    {
      level: options.level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      messageKey: "msg",
    },
    options.destination ?? process.stdout,
  );
}

/** Wrap pino as the engine's {@link Logger}. */
export function engineLogger(base: PinoLogger): Logger {
  const wrap = (logger: PinoLogger): Logger => ({
    debug: (message, fields) => logger.debug(clean(fields), message),
    info: (message, fields) => logger.info(clean(fields), message),
    warn: (message, fields) => logger.warn(clean(fields), message),
    error: (message, fields) => logger.error(clean(fields), message),
    child: (fields) => wrap(logger.child(clean(fields))),
  });
  return wrap(base);
}

function clean(fields: LogFields | undefined): Record<string, unknown> {
  if (!fields) return {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  return redactFields(out) as Record<string, unknown>;
}

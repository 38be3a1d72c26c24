/**
 * Loads the module that talks to a broker (`nats/publisher.ts`, `kafka/producer.ts`) when a trigger first sends.
 *
 * The trigger definitions sit on the console's preview path (`run.ts` → `registry.ts` → `nats.ts`/`kafka.ts`),
 * which is bundled for the browser. A literal `import("./publisher.ts")` would make bundlers pull `@nats-io/*` and
 * `kafkajs` (Node sockets) into that bundle; a specifier held in a variable is resolved only at run time, by Node,
 * relative to this file. The magic comments keep Vite, webpack and Turbopack from trying to analyse it.
 */
const specifiers = {
  nats: "./publisher.ts",
  kafka: "../kafka/producer.ts",
} as const;

/** The client module of a trigger kind. */
export async function loadClientModule<TModule>(kind: keyof typeof specifiers): Promise<TModule> {
  const specifier: string = specifiers[kind];
  const loaded: TModule = await import(
    /* @vite-ignore */ /* webpackIgnore: true */ /* turbopackIgnore: true */ specifier
  );
  return loaded;
}

/** Resolve once `promise` settles, or quietly after `ms`: closing must not hang on a broker that is gone. */
export function settleWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    promise.then(done, done);
  });
}

/** A kafkajs error that says trying again may work (coordinator loading, leader moving, connection refused…). */
function retriable(error: unknown): boolean {
  return typeof error === "object" && error !== null && "retriable" in error && error.retriable === true;
}

/**
 * Run `operation`, again after retriable failures until `withinMs` has passed. Some kafkajs admin calls
 * (`fetchOffsets`) do not retry by themselves, and a broker that has just restarted answers "coordinator loading"
 * for a few seconds.
 */
export async function retrying<TResult>(operation: () => Promise<TResult>, withinMs = 15_000): Promise<TResult> {
  const deadline = Date.now() + withinMs;
  for (let pause = 100; ; pause = Math.min(pause * 2, 1_000)) {
    try {
      return await operation();
    } catch (error) {
      if (!retriable(error) || Date.now() + pause > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

/**
 * The benchmark's event: the same 1 KiB JSON for every baseline and system run.
 *
 * `{"kind":"bench","nonce":"<id>","t0":"<scheduled send, monotonic ns>","pad":"xxx…"}` padded to exactly 1,024 bytes.
 * The sensor's filter matches `kind`, its trigger mapping copies `nonce` and `t0` into the body it sends to the sink,
 * and the sink measures arrival − t0 and checks the nonce off the ledger.
 */

/** Size of every benchmark body. */
export const PAYLOAD_BYTES = 1024;

/** The JSON body of one event, exactly {@link PAYLOAD_BYTES} long (ASCII). */
export function eventBody(input: { nonce: string; t0: bigint; kind?: string }): string {
  const head = `{"kind":"${input.kind ?? "bench"}","nonce":"${input.nonce}","t0":"${input.t0}","pad":"`;
  const padLength = PAYLOAD_BYTES - head.length - 2;
  if (padLength < 0) throw new Error(`nonce too long for a ${PAYLOAD_BYTES}-byte payload`);
  return `${head}${"x".repeat(padLength)}"}`;
}

/** What the sink gets from the trigger mapping. */
export interface SinkBody {
  nonce?: string;
  t0?: string;
}

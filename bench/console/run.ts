/** Placeholder, replaced below. */
export async function runConsoleBench(_input: { writeDocs: boolean }): Promise<number> {
  return 1;
}

/** Manifests the console bench and its profiler apply. */

/** 500 nodes (200 events, 100 sensors, 200 triggers) and 700 edges (500 dependencies, 200 sensor → trigger). */
export function graphManifests(namespace: string): string {
  const docs: string[] = [];
  for (let source = 0; source < 50; source++) {
    const events = [0, 1, 2, 3].map((e) => `    e${e}: {schedule: "0 0 1 1 *"}`).join("\n");
    docs.push(
      `apiVersion: argoproj.io/v1alpha1\nkind: EventSource\nmetadata: {name: cal-${source}, namespace: ${namespace}}\nspec:\n  calendar:\n${events}`,
    );
  }
  for (let sensor = 0; sensor < 100; sensor++) {
    const deps = [0, 1, 2, 3, 4]
      .map((d) => {
        const target = (sensor * 3 + d * 41) % 200;
        return `    - {name: d${d}, eventSourceName: cal-${Math.floor(target / 4)}, eventName: e${target % 4}}`;
      })
      .join("\n");
    docs.push(
      `apiVersion: argoproj.io/v1alpha1\nkind: Sensor\nmetadata: {name: s-${sensor}, namespace: ${namespace}}\nspec:\n  dependencies:\n${deps}\n  triggers:\n    - template: {name: a, log: {}}\n    - template: {name: b, log: {}}`,
    );
  }
  return `${docs.join("\n---\n")}\n`;
}

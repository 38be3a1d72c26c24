/**
 * The demo flow `npm start` applies on a fresh data dir: webhook EventSource `demo` (event `example`, port 12000,
 * `/example`, POST) → Sensor `demo` → log trigger.
 */
export const demoManifests = `apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata:
  name: demo
spec:
  webhook:
    example:
      port: "12000"
      endpoint: /example
      method: POST
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata:
  name: demo
spec:
  dependencies:
    - name: example
      eventSourceName: demo
      eventName: example
  triggers:
    - template:
        name: log-it
        log: {}
`;

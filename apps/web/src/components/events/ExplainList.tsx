/**
 * What each sensor did with an event, from its explain records: the outcome per trigger and dependency, every
 * filter's verdict with its reason and the value it looked at, the transform's output, and the join state.
 */
import { explainRecord, type ExplainRecord } from "../../engine/index.ts";
import { formatLocalTime, formatUtc } from "../../lib/format.ts";

export function ExplainList({ records, emptyText }: { records: readonly Record<string, unknown>[]; emptyText?: string }) {
  if (records.length === 0) {
    return <p className="muted">{emptyText ?? "No sensor has processed this event (yet)."}</p>;
  }
  return (
    <ul className="explains" aria-label="What the sensors did">
      {records.map((record, index) => {
        const parsed = explainRecord.safeParse(record);
        return parsed.success ? (
          <Explain key={index} record={parsed.data} />
        ) : (
          <li key={index} className="explain">
            <pre className="json">{JSON.stringify(record, null, 2)}</pre>
          </li>
        );
      })}
    </ul>
  );
}

function Explain({ record }: { record: ExplainRecord }) {
  const at = new Date(record.at).toISOString();
  return (
    <li
      className="explain"
      data-testid={`explain-${record.sensor}-${record.trigger}-${record.dependency}`}
      data-outcome={record.outcome}
    >
      <div className="explain__head">
        <span className={`pill pill--${record.outcome}`}>{record.outcome}</span>
        <span>
          sensor <b>{record.sensor}</b> · trigger {record.trigger} · dependency {record.dependency}
        </span>
        <span className="spacer" />
        <time className="muted small" dateTime={at} title={formatUtc(at)}>
          {formatLocalTime(at)}
        </time>
      </div>
      {record.transform ? (
        <div className="explain__transform">
          <span className="muted">{record.transform.kind} transform:</span>{" "}
          {record.transform.ok ? (
            <code>{record.transform.output}</code>
          ) : (
            <span className="error-text">{record.transform.error}</span>
          )}
        </div>
      ) : null}
      {record.filters.length > 0 ? (
        <table className="verdicts">
          <caption className="sr-only">
            Filter verdicts of {record.sensor}/{record.dependency} (combined with {record.filtersOperator})
          </caption>
          <thead>
            <tr>
              <th scope="col">verdict</th>
              <th scope="col">filter</th>
              <th scope="col">value</th>
              <th scope="col">reason</th>
            </tr>
          </thead>
          <tbody>
            {record.filters.map((verdict, index) => (
              <tr key={index} data-testid="filter-verdict" data-pass={verdict.pass}>
                <td>
                  <span className={`pill pill--${verdict.pass ? "fired" : "failed"}`}>{verdict.pass ? "pass" : "fail"}</span>
                </td>
                <td>
                  <code title={verdict.path}>
                    {verdict.kind} {verdict.path.replace(/^spec\.dependencies\[\d+\]\.filters\./, "")}
                  </code>
                </td>
                <td>
                  <code>{verdict.value ?? ""}</code>
                </td>
                <td>{verdict.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted small">No filters: every event of this dependency passes.</p>
      )}
      {record.join ? (
        <div className="explain__join small">
          <span className="muted">join</span> <code>{record.join.expression}</code> —{" "}
          {record.join.satisfied ? "satisfied" : "waiting"}; holding{" "}
          {record.join.held.length === 0 ? "nothing" : record.join.held.map((held) => held.dependency).join(", ")}
        </div>
      ) : null}
      {record.error ? <div className="error-text small">{record.error}</div> : null}
    </li>
  );
}

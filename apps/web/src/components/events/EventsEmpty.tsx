"use client";
/** What to do when there are no events: send one to a webhook (curl), inject one, or loosen the search. */
import { curlFor, type WebhookTarget } from "../../lib/curl.ts";
import { CopyButton } from "../CopyButton.tsx";

export function EventsEmpty({
  namespace,
  filtered,
  webhooks,
  onInject,
}: {
  namespace: string;
  filtered: boolean;
  webhooks: readonly WebhookTarget[];
  onInject?: (() => void) | undefined;
}) {
  if (filtered) {
    return (
      <div className="empty panel-body" data-testid="events-empty">
        <p>
          <b>No event matches this search.</b> New matching events appear here as they arrive. Clear or loosen the
          filters to see more.
        </p>
      </div>
    );
  }
  return (
    <div className="empty panel-body" data-testid="events-empty">
      <p>
        <b>No events in namespace {namespace} yet.</b> They appear here as soon as they arrive, no reload needed.
      </p>
      {webhooks.length > 0 ? (
        <>
          <p>Send one to {webhooks.length === 1 ? "the webhook" : "a webhook"}:</p>
          {webhooks.slice(0, 3).map((target) => {
            const command = curlFor(target);
            return (
              <div className="command" key={`${target.eventSource}/${target.eventName}`}>
                <code>{command}</code>
                <CopyButton text={command} label="Copy" />
              </div>
            );
          })}
        </>
      ) : (
        <p>
          Add an EventSource in the <a href={`/build?ns=${encodeURIComponent(namespace)}`}>builder</a> (or apply one with{" "}
          <code>npx signalbox apply -f eventsource.yaml</code>), then send it an event.
        </p>
      )}
      {onInject ? (
        <p>
          Or{" "}
          <button type="button" className="linklike" onClick={onInject}>
            inject a test event
          </button>{" "}
          by hand.
        </p>
      ) : null}
    </div>
  );
}

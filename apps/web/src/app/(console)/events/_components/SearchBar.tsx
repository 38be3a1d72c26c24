"use client";
/**
 * The event search form. What it holds goes to the URL on submit (so a search can be shared and the back button
 * works); the list reads the URL.
 */
import { useState, type FormEvent } from "react";
import {
  OUTCOMES,
  localInputToUtc,
  parseMatchInput,
  utcToLocalInput,
  type EventFilterState,
  type Outcome,
} from "../../../../lib/eventFilter.ts";

export interface SearchOptions {
  /** EventSource name → its event names. */
  sources: { name: string; events: string[] }[];
  /** Sensor name → its trigger names. */
  sensors: { sensor: string; triggers: string[] }[];
}

export function SearchBar({
  filter,
  options,
  onSearch,
}: {
  filter: EventFilterState;
  options: SearchOptions;
  onSearch: (filter: EventFilterState) => void;
}) {
  const [text, setText] = useState(filter.match.join(" "));
  const [source, setSource] = useState(filter.source);
  const [subject, setSubject] = useState(filter.subject);
  const [type, setType] = useState(filter.type);
  const [sensor, setSensor] = useState(filter.sensor);
  const [trigger, setTrigger] = useState(filter.trigger);
  const [outcome, setOutcome] = useState<Outcome | "">(filter.outcome);
  const [from, setFrom] = useState(utcToLocalInput(filter.from));
  const [to, setTo] = useState(utcToLocalInput(filter.to));
  const [more, setMore] = useState(Boolean(filter.type || filter.sensor || filter.trigger || filter.outcome || filter.from || filter.to));
  const parsed = parseMatchInput(text);
  const events = options.sources.find((candidate) => candidate.name === source)?.events ?? [];
  const triggers = options.sensors.find((candidate) => candidate.sensor === sensor)?.triggers ?? [];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (parsed.invalid.length > 0) return;
    onSearch({
      namespace: filter.namespace,
      source,
      subject,
      type: type.trim(),
      sensor,
      trigger,
      outcome,
      from: localInputToUtc(from),
      to: localInputToUtc(to),
      match: parsed.match,
    });
  };
  const clear = () => {
    setText("");
    setSource("");
    setSubject("");
    setType("");
    setSensor("");
    setTrigger("");
    setOutcome("");
    setFrom("");
    setTo("");
    onSearch({ namespace: filter.namespace, source: "", subject: "", type: "", sensor: "", trigger: "", outcome: "", from: "", to: "", match: [] });
  };

  return (
    <form className="search" role="search" onSubmit={submit} aria-label="Search events">
      <div className="search__row">
        <label className="search__text">
          <span className="sr-only">Payload match</span>
          <input
            type="search"
            value={text}
            onChange={(change) => setText(change.target.value)}
            placeholder="Payload match, e.g. body.customer=ann (several: space-separated)"
            aria-invalid={parsed.invalid.length > 0}
            aria-describedby={parsed.invalid.length > 0 ? "search-error" : undefined}
            data-testid="search-match"
            spellCheck={false}
          />
        </label>
        <label className="field-inline">
          <span>Source</span>
          <select
            value={source}
            onChange={(change) => {
              setSource(change.target.value);
              setSubject("");
            }}
            data-testid="search-source"
          >
            <option value="">any</option>
            {options.sources.map((candidate) => (
              <option key={candidate.name} value={candidate.name}>
                {candidate.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline">
          <span>Event</span>
          <select value={subject} onChange={(change) => setSubject(change.target.value)} data-testid="search-subject" disabled={!source}>
            <option value="">any</option>
            {events.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button button--primary" data-testid="search-submit">
          Search
        </button>
        <button type="button" className="button" onClick={clear} data-testid="search-clear">
          Clear
        </button>
        <button type="button" className="button button--link" aria-expanded={more} onClick={() => setMore(!more)}>
          {more ? "Fewer filters" : "More filters"}
        </button>
      </div>
      {parsed.invalid.length > 0 ? (
        <p id="search-error" className="error-text small" role="alert">
          Not a match expression: {parsed.invalid.join(", ")} (write path=value, e.g. body.customer=ann).
        </p>
      ) : null}
      {more ? (
        <div className="search__row">
          <label className="field-inline">
            <span>Outcome</span>
            <select value={outcome} onChange={(change) => setOutcome(change.target.value as Outcome | "")} data-testid="search-outcome">
              <option value="">any</option>
              {OUTCOMES.map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </select>
          </label>
          <label className="field-inline">
            <span>Sensor</span>
            <select
              value={sensor}
              onChange={(change) => {
                setSensor(change.target.value);
                setTrigger("");
              }}
              data-testid="search-sensor"
            >
              <option value="">any</option>
              {options.sensors.map((candidate) => (
                <option key={candidate.sensor} value={candidate.sensor}>
                  {candidate.sensor}
                </option>
              ))}
            </select>
          </label>
          <label className="field-inline">
            <span>Trigger</span>
            <select value={trigger} onChange={(change) => setTrigger(change.target.value)} disabled={!sensor} data-testid="search-trigger">
              <option value="">any</option>
              {triggers.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <label className="field-inline">
            <span>Type</span>
            <input className="input-small" value={type} onChange={(change) => setType(change.target.value)} placeholder="any" />
          </label>
          <label className="field-inline">
            <span>From</span>
            <input type="datetime-local" value={from} onChange={(change) => setFrom(change.target.value)} data-testid="search-from" />
          </label>
          <label className="field-inline">
            <span>To</span>
            <input type="datetime-local" value={to} onChange={(change) => setTo(change.target.value)} data-testid="search-to" />
          </label>
          <span className="muted small">Times are local ({Intl.DateTimeFormat().resolvedOptions().timeZone}).</span>
        </div>
      ) : null}
    </form>
  );
}

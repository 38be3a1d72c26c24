"use client";
/**
 * Review and apply: the diff of every changed resource against what the API has, what the API's validation says
 * (the same checks as apply, nothing written), then apply (all or nothing) and delete what was removed.
 */
import { useMutation } from "@tanstack/react-query";
import { useEffect, useMemo } from "react";
import { applyText, nameOf, pendingChanges, type Draft } from "../../../../builder/draft.ts";
import { Dialog } from "../../../../components/Dialog.tsx";
import { withoutLabel } from "../../../../lib/issues.ts";
import { diffStats, diffTexts } from "../../../../lib/textDiff.ts";
import { useTRPC } from "../../../../trpc/client.tsx";

export function ApplyDialog({
  open,
  onClose,
  draft,
  onApplied,
}: {
  open: boolean;
  onClose: () => void;
  draft: Draft;
  onApplied: (summary: string) => void;
}) {
  const trpc = useTRPC();
  const changes = useMemo(() => pendingChanges(draft), [draft]);
  const text = useMemo(() => applyText(draft), [draft]);
  const applying = changes.filter((change) => change.state !== "deleted");
  const deleting = changes.filter((change) => change.state === "deleted");
  const validate = useMutation(trpc.manifests.validate.mutationOptions());
  const apply = useMutation(trpc.manifests.applyDocuments.mutationOptions());
  const remove = useMutation(trpc.manifests.delete.mutationOptions());
  const { mutate: runValidate, reset: resetValidate } = validate;

  useEffect(() => {
    if (open && text) runValidate({ manifests: text });
    if (!open) resetValidate();
  }, [open, text, runValidate, resetValidate]);

  const errors = validate.data?.errors ?? [];
  const documentOf = (path: string) => {
    const match = /^documents\[(\d+)\]\.?/.exec(path);
    return match ? { index: Number(match[1]), path: path.slice(match[0].length) } : { index: applying.length === 1 ? 0 : -1, path };
  };
  const blocked = validate.isPending || (text !== "" && (!validate.data || !validate.data.valid)) || apply.isPending || remove.isPending;

  const run = async () => {
    const parts: string[] = [];
    if (text) {
      const result = await apply.mutateAsync({ manifests: text });
      const count = (action: string) => result.applied.filter((item) => item.action === action).length;
      parts.push(`${count("created")} created, ${count("updated")} updated, ${count("unchanged")} unchanged`);
    }
    for (const change of deleting) {
      await remove.mutateAsync({ kind: change.doc.kind, namespace: draft.namespace, name: nameOf(change.doc) });
    }
    if (deleting.length > 0) parts.push(`${deleting.length} deleted`);
    onApplied(`Applied: ${parts.join(", ")}.`);
    onClose();
  };

  return (
    <Dialog open={open} onClose={onClose} title="Review and apply" testId="apply-dialog" wide>
      <div className="form">
        {changes.length === 0 ? <p>Nothing to apply: the draft equals what the API has.</p> : null}
        {draft.orphans.length > 0 ? (
          <p className="notice small">
            {draft.orphans.length} {draft.orphans.length === 1 ? "trigger is" : "triggers are"} not connected to a sensor and
            will not be applied.
          </p>
        ) : null}
        {changes.map((change, index) => {
          const before = change.doc.baseline ?? "";
          const after = change.state === "deleted" ? "" : change.doc.text;
          const hunks = diffTexts(before, after);
          const stats = diffStats(hunks);
          const docErrors = errors.filter((error) => change.state !== "deleted" && documentOf(error.path).index === applying.indexOf(change));
          return (
            <section key={change.doc.key} className="change" data-testid={`change-${change.doc.kind}-${nameOf(change.doc)}`} data-state={change.state}>
              <header className="change__head">
                <span className={`pill pill--${change.state === "deleted" ? "failed" : change.state === "new" ? "fired" : "running"}`}>{change.state}</span>
                <b>
                  {change.doc.kind} {nameOf(change.doc)}
                </b>
                <span className="muted small">
                  +{stats.added} −{stats.removed}
                </span>
              </header>
              <pre className="diff" data-testid={`diff-${index}`} tabIndex={0} aria-label={`Changes to ${change.doc.kind} ${nameOf(change.doc)}`}>
                {hunks.map((hunk) => (
                  <span key={hunk.header}>
                    <span className="diff__hunk">{hunk.header}</span>
                    {"\n"}
                    {hunk.lines.map((line, lineIndex) => (
                      <span key={lineIndex} className={`diff__line diff__line--${line.kind}`}>
                        {line.kind === "added" ? "+" : line.kind === "removed" ? "-" : " "}
                        {line.text}
                        {"\n"}
                      </span>
                    ))}
                  </span>
                ))}
              </pre>
              {docErrors.length > 0 ? (
                <ul className="issues" role="alert">
                  {docErrors.map((error, errorIndex) => (
                    <li key={errorIndex}>
                      <code>{documentOf(error.path).path || "(document)"}</code> {withoutLabel(error.message)}
                    </li>
                  ))}
                </ul>
              ) : null}
            </section>
          );
        })}
        {text ? (
          <p className="small" data-testid="apply-validation" aria-live="polite">
            {validate.isPending
              ? "Checking with the API…"
              : validate.error
                ? `Could not check: ${validate.error.message}`
                : validate.data?.valid
                  ? `The API accepts it: ${validate.data.applied.map((item) => `${item.kind} ${item.name} ${item.action === "created" ? "will be created" : item.action === "updated" ? "will be updated" : "is unchanged"}`).join("; ")}.`
                  : `The API refuses it: ${errors.filter((error) => documentOf(error.path).index === -1).map((error) => `${error.path} ${error.message}`).join("; ") || "see the problems above"}.`}
          </p>
        ) : null}
        {apply.error || remove.error ? (
          <p className="error-text" role="alert">
            {(apply.error ?? remove.error)?.message}
          </p>
        ) : null}
        <div className="form__actions">
          <button type="button" className="button" onClick={onClose}>
            Keep editing
          </button>
          <button
            type="button"
            className="button button--primary"
            disabled={changes.length === 0 || blocked}
            onClick={() => void run().catch(() => undefined)}
            data-testid="apply-confirm"
          >
            {apply.isPending || remove.isPending ? "Applying…" : `Apply ${changes.length} ${changes.length === 1 ? "change" : "changes"}`}
          </button>
        </div>
      </div>
    </Dialog>
  );
}

"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";
import { ProgressBar } from "@/components/ui/progress-bar";
import { datasetNameSchema, suggestDatasetName } from "@/lib/datasets/dataset-name";
import type { ImportResult } from "@/lib/datasets/import-dataset";
import { ApiError } from "@/lib/http/client-fetch";
import { useUploadDataset } from "./use-datasets";

const SHOWN_LINE_ERRORS = 8;

type Outcome = { result: ImportResult } | { error: string; lines: Array<{ line: string; reason: string }> };

/** Upload an outcomes JSONL file with progress; bad lines come back with their number and reason. */
export function DatasetUpload() {
  const upload = useUploadDataset();
  const [name, setName] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<{ name?: string; file?: string }>({});
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsedName = datasetNameSchema.safeParse(name);
    const next = { name: parsedName.success ? undefined : parsedName.error.issues[0]?.message, file: file ? undefined : "Choose a JSONL file." };
    setErrors(next);
    if (!parsedName.success || !file) return;
    setOutcome(null);
    try {
      const result = await upload.mutateAsync({ name: parsedName.data, file });
      setOutcome({ result });
      setName("");
      setFile(null);
      (event.target as HTMLFormElement).reset();
    } catch (error) {
      const lines = error instanceof ApiError ? error.issues.filter((i) => i.path.startsWith("line ")).map((i) => ({ line: i.path.slice(5), reason: i.message })) : [];
      if (error instanceof ApiError && error.issues.some((i) => i.path === "name")) setErrors({ name: error.message });
      setOutcome({ error: error instanceof Error ? error.message : "The upload failed.", lines });
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Upload a dataset" className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Dataset file" error={errors.file} hint="JSONL, one labeled request per line (data/README.md).">
          {({ id, describedBy }) => (
            <input
              id={id}
              type="file"
              accept=".jsonl,.ndjson,.json,.txt,application/x-ndjson,application/json,text/plain"
              aria-describedby={describedBy}
              aria-invalid={!!errors.file || undefined}
              onChange={(e) => {
                const chosen = e.target.files?.[0] ?? null;
                setFile(chosen);
                if (chosen && !name.trim()) setName(suggestDatasetName(chosen.name));
              }}
              className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-200"
            />
          )}
        </Field>
        <Field label="Dataset name" error={errors.name}>
          {({ id, describedBy }) => <TextInput id={id} value={name} onChange={(e) => setName(e.target.value)} aria-describedby={describedBy} invalid={!!errors.name} />}
        </Field>
      </div>
      <div className="flex items-center justify-end gap-3">
        {upload.progress !== null && (
          <div className="flex-1">
            <ProgressBar label="Upload progress" percent={upload.progress * 100} />
            <p className="text-xs text-slate-500">{upload.progress < 1 ? "Uploading…" : "Checking and importing the lines…"}</p>
          </div>
        )}
        <Button type="submit" variant="secondary" isLoading={upload.isPending}>
          Upload
        </Button>
      </div>
      {outcome && <UploadOutcome outcome={outcome} />}
    </form>
  );
}

function UploadOutcome({ outcome }: { outcome: Outcome }) {
  const isError = "error" in outcome;
  const lines = isError ? outcome.lines : outcome.result.errors.map((e) => ({ line: String(e.line), reason: e.reason }));
  const total = isError ? lines.length : outcome.result.rejected;
  return (
    <Alert
      variant={isError ? "error" : "success"}
      title={
        isError
          ? outcome.error
          : `Imported ${outcome.result.imported.toLocaleString("en-US")} lines into “${outcome.result.dataset.name}”${outcome.result.rejected ? `, rejected ${outcome.result.rejected.toLocaleString("en-US")}` : ""}.`
      }
    >
      {lines.length > 0 && (
        <ul aria-label="Rejected lines" className="space-y-0.5 text-xs">
          {lines.slice(0, SHOWN_LINE_ERRORS).map((l) => (
            <li key={l.line}>
              <span className="font-mono font-semibold">Line {l.line}:</span> {l.reason}
            </li>
          ))}
          {total > SHOWN_LINE_ERRORS && <li>…and {(total - SHOWN_LINE_ERRORS).toLocaleString("en-US")} more.</li>}
        </ul>
      )}
    </Alert>
  );
}

/**
 * Importing an outcomes dataset (JSONL, the format of data/README.md): validated line by line —
 * each bad line is reported with its number and reason, every good one is imported, and the
 * import lands in one transaction (never half-written).
 */
import { parseOutcomes } from "../classifier/parse-outcomes";
import { recordAudit, type Actor } from "../db/audit-repo";
import { datasetNameTaken, insertDataset } from "../db/dataset-repo";
import { db, type Db } from "../db/prisma";
import { AppError } from "../http/app-error";
import { datasetNameSchema } from "./dataset-name";

export { datasetNameSchema };

export const MAX_REPORTED_ERRORS = 200;

export type ImportResult = {
  dataset: { id: string; name: string; rowCount: number; models: string[] };
  imported: number;
  rejected: number;
  errors: Array<{ line: number; reason: string }>;
};

/** `client`: another database than the process's (the first-run seed of a test database). */
export async function importDataset(actor: Actor, input: { name: string; text: string; source?: string }, client: Db = db): Promise<ImportResult> {
  const name = datasetNameSchema.safeParse(input.name);
  if (!name.success) throw new AppError("bad_request", name.error.issues[0]!.message, { issues: [{ path: "name", message: name.error.issues[0]!.message }] });
  if (await datasetNameTaken(name.data, client)) throw new AppError("conflict", `A dataset named "${name.data}" already exists.`);
  const { rows, errors } = parseOutcomes(input.text);
  if (rows.length === 0) {
    const first = errors.slice(0, 3).map((e) => `line ${e.line}: ${e.reason}`).join("; ");
    throw new AppError("bad_request", errors.length ? `No valid line to import (${errors.length} rejected; ${first}).` : "The file is empty.", {
      issues: errors.slice(0, MAX_REPORTED_ERRORS).map((e) => ({ path: `line ${e.line}`, message: e.reason })),
    });
  }
  const models = [...new Set(rows.flatMap((r) => Object.keys(r.outcomes)))].sort();
  const dataset = await insertDataset(
    {
    name: name.data,
    source: input.source ?? "upload",
    models,
    rows: rows.map((r) => {
      const onlyUser = r.input.messages.length === 1 && r.input.messages[0]!.role === "user";
      return {
        externalId: r.id,
        prompt: r.input.messages.map((m) => m.content).join("\n\n"),
        messages: onlyUser ? null : r.input.messages,
        outcomes: r.outcomes,
        tags: r.tags,
      };
    }),
    },
    client,
  );
  await recordAudit(actor, { action: "dataset.import", targetType: "dataset", targetId: dataset.id, after: { name: dataset.name, rows: rows.length, rejected: errors.length, models } }, client);
  return {
    dataset: { id: dataset.id, name: dataset.name, rowCount: dataset.rowCount, models },
    imported: rows.length,
    rejected: errors.length,
    errors: errors.slice(0, MAX_REPORTED_ERRORS),
  };
}

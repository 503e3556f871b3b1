/**
 * Imported outcome-dataset rows whose recorded outcomes cover every given model: the labeled
 * sample behind the policies page's projection (the shipped data/routing files are read by
 * lib/config/policy-projection.ts). Newest datasets first, bounded.
 */
import { db } from "./prisma";

export type StoredOutcomeRow = { dataset: string; externalId: string; prompt: string; messages: unknown; outcomes: unknown };

export function readOutcomeRowsCovering(models: readonly string[], limit: number): Promise<StoredOutcomeRow[]> {
  if (models.length === 0 || limit <= 0) return Promise.resolve([]);
  return db.$queryRaw<StoredOutcomeRow[]>`
    SELECT d.name AS dataset, r."externalId", r.prompt, r.messages, r.outcomes
    FROM "DatasetRow" r JOIN "Dataset" d ON d.id = r."datasetId"
    WHERE jsonb_exists_all(r.outcomes, ${[...models]}::text[])
    ORDER BY d."createdAt" DESC, r."externalId"
    LIMIT ${limit}`;
}

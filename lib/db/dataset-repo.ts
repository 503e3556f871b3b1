import type { Prisma } from "./generated/client";
import { db, type Db } from "./prisma";

export function countDatasets(ids: string[]) {
  return db.dataset.count({ where: { id: { in: ids } } });
}

export function listDatasets() {
  return db.dataset.findMany({ orderBy: { createdAt: "desc" }, select: { id: true, name: true, rowCount: true, models: true, source: true, createdAt: true } });
}

export type DatasetRowInput = { externalId: string; prompt: string; messages: unknown; outcomes: unknown; tags: unknown };

/** A dataset and all its rows in one transaction: it lands whole or not at all. */
export async function insertDataset(data: { name: string; source: string; models: string[]; rows: DatasetRowInput[] }, client: Db = db) {
  return client.$transaction(
    async (tx) => {
      const dataset = await tx.dataset.create({ data: { name: data.name, source: data.source, models: data.models, rowCount: data.rows.length } });
      for (let i = 0; i < data.rows.length; i += 1000) {
        await tx.datasetRow.createMany({
          data: data.rows.slice(i, i + 1000).map((r) => ({
            datasetId: dataset.id,
            externalId: r.externalId,
            prompt: r.prompt,
            messages: (r.messages ?? undefined) as Prisma.InputJsonValue | undefined,
            outcomes: r.outcomes as Prisma.InputJsonValue,
            tags: (r.tags ?? {}) as Prisma.InputJsonValue,
          })),
        });
      }
      return dataset;
    },
    { timeout: 120_000 },
  );
}

export function deleteDataset(id: string) {
  return db.dataset.deleteMany({ where: { id } });
}

export function datasetNameTaken(name: string, client: Db = db) {
  return client.dataset.count({ where: { name } }).then((n) => n > 0);
}

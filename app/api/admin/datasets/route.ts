import { z } from "zod";
import { withRoute } from "@/lib/auth/with-route";
import { importDataset } from "@/lib/datasets/import-dataset";
import { listDatasets } from "@/lib/db/dataset-repo";
import { AppError } from "@/lib/http/app-error";
import { parseQuery } from "@/lib/http/parse-body";
import { readBodyBytes } from "@/lib/http/read-body";

const DATASET_MAX_BYTES = 100 * 1024 * 1024;

export const GET = withRoute({ permission: "jobs:manage" }, async () => ({ items: await listDatasets() }));

/**
 * Import an outcomes dataset: POST /api/admin/datasets?name=<name> with the JSONL file as the
 * body. 201 with { imported, rejected, errors: [{ line, reason }] } — bad lines are reported,
 * the good ones imported; 400 when no line is valid; 413 past 100 MB (the body is streamed and
 * reading stops at the limit, with or without a Content-Length).
 */
export const POST = withRoute({ permission: "jobs:manage" }, async (req, { session }) => {
  const { name } = parseQuery(new URL(req.url), z.object({ name: z.string({ error: "Add ?name=<dataset name>." }) }));
  const bytes = await readBodyBytes(req, DATASET_MAX_BYTES, "Datasets are at most 100 MB.");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("bad_request", "The file is not valid UTF-8 text.");
  }
  const result = await importDataset({ id: session.user.id, email: session.user.email }, { name, text });
  return Response.json(result, { status: 201 });
});

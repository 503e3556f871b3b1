/** A dataset's name: checked by the import (server) and the console's upload form (browser). */
import { z } from "zod";

export const datasetNameSchema = z
  .string()
  .trim()
  .min(1, "Give the dataset a name.")
  .max(100, "Names are at most 100 characters.")
  .regex(/^[\w .:-]+$/, "Use letters, digits, spaces, '.', ':', '_' or '-'.");

/** A file name → a valid dataset name suggestion ("Traffic (May).jsonl" → "Traffic May"). */
export function suggestDatasetName(fileName: string): string {
  return fileName
    .replace(/\.(jsonl|ndjson|json|txt)$/i, "")
    .replace(/[^\w .:-]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 100);
}

/** Reading model files for the classifier commands (validated; a bad file exits with 2). */
import { loadClassifier, type TrainedClassifier } from "../classifier/load-classifier";
import { UsageError } from "./args";
import { readJson } from "./classifier-data";

export { serializeArtifact } from "../classifier/serialize-artifact";

export function readClassifier(path: string): TrainedClassifier {
  const json = readJson(path, "model file");
  try {
    return loadClassifier(json);
  } catch (error) {
    throw new UsageError(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

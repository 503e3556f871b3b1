import { Badge } from "@/components/ui/badge";
import { STATUS_LABELS, STATUS_TONES } from "./job-format";
import type { JobStatus } from "./types";

export function JobStatusBadge({ status }: { status: JobStatus }) {
  return <Badge tone={STATUS_TONES[status]}>{STATUS_LABELS[status]}</Badge>;
}

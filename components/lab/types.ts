/** Lab runs as the console receives them: Job rows whose result is a replay report or tier advice. */
import type { JobRow as JobRecord } from "@/lib/db/job-repo";
import type { Jsonified } from "@/lib/http/jsonified";
import type { LabPayload } from "@/lib/jobs/lab/lab-payload";
import type { TierAdvice } from "@/lib/lab/advise-tiers";
import type { ReplayReport } from "@/lib/lab/replay/run-replay";

export type LabRun = Jsonified<Omit<JobRecord, "payload" | "result">> & { payload: Jsonified<LabPayload>; result: ReplayReport | TierAdvice | null };
export type LabRunPage = { items: LabRun[]; total: number; page: number; pageSize: number };

export const isAdvice = (r: ReplayReport | TierAdvice): r is TierAdvice => "options" in r;

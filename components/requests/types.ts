/**
 * What GET /api/admin/requests and /api/admin/requests/[id] answer: the request-log rows of
 * lib/db/request-log-repo.ts as JSON (dates as strings), with their decision and latency JSON
 * typed as lib/gateway/build-log-row.ts writes them (older rows may lack parts of either).
 */
import type { findRequest, listRequests } from "@/lib/db/request-log-repo";
import type { InboundApiName } from "@/lib/gateway/inbound/inbound-api";
import type { AttemptRecord } from "@/lib/routing/execution/attempt-record";
import type { Jsonified } from "@/lib/http/jsonified";
import type { Decision } from "@/lib/routing/types";

/** `api`: the inbound API (rows written before it was recorded came in on chat completions). */
export type Latency = { api?: InboundApiName; routingMs?: number; overheadMs?: number; escalationWaitMs?: number; firstTokenMs?: number | null; attempts?: AttemptRecord[] };

type Logged<Row> = Jsonified<Omit<Row, "decision" | "latency">> & { decision: Partial<Decision>; latency: Latency };

export type RequestRow = Logged<Awaited<ReturnType<typeof listRequests>>["items"][number]>;

export type RequestDetail = Logged<NonNullable<Awaited<ReturnType<typeof findRequest>>>>;

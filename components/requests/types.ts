/**
 * What GET /api/admin/requests and /api/admin/requests/[id] answer: the request-log rows of
 * lib/db/request-log-repo.ts as JSON (dates as strings), with their decision and latency JSON
 * typed as lib/gateway/build-log-row.ts writes them (older rows may lack parts of either).
 */
import type { findRequest, listRequests } from "@/lib/db/request-log-repo";
import type { AttemptRecord } from "@/lib/routing/execution/attempt-record";
import type { Jsonified } from "@/lib/http/jsonified";
import type { Decision } from "@/lib/routing/types";

export type Latency = { routingMs?: number; overheadMs?: number; escalationWaitMs?: number; firstTokenMs?: number | null; attempts?: AttemptRecord[] };

type Logged<Row> = Jsonified<Omit<Row, "decision" | "latency">> & { decision: Partial<Decision>; latency: Latency };

export type RequestRow = Logged<Awaited<ReturnType<typeof listRequests>>["items"][number]>;

export type RequestDetail = Logged<NonNullable<Awaited<ReturnType<typeof findRequest>>>>;

/** A text search's state on a page of the list: how far back it searched, whether it reached the end. */
export type SearchState = Jsonified<NonNullable<Awaited<ReturnType<typeof listRequests>>["search"]>>;

export type RequestListPage = { items: RequestRow[]; nextCursor: string | null; search: SearchState | null };

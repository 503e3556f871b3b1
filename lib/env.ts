/**
 * Environment, parsed once. Every variable Frontdesk reads is here (README: Configuration).
 * Node-side only: never import from client components.
 */
import path from "node:path";
import { z } from "zod";

const bool = z
  .enum(["0", "1", "true", "false", "yes", "no", ""])
  .transform((v) => v === "1" || v === "true" || v === "yes");

/** An optional URL; an empty value counts as unset (OTEL_* variables are often exported empty). */
const optionalUrl = z.preprocess((v) => (v === "" ? undefined : v), z.url().optional());

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  // database
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL").optional(),
  /** Shared hot state across gateway instances (rate limits, pins, breakers, budgets, the shadow cap; lib/state); unset: each instance keeps its own. */
  REDIS_URL: z.string().regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL").optional(),
  REDIS_KEY_PREFIX: z.string().max(100).default("frontdesk:"), // before every key and channel: deployments sharing one Redis differ here
  REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(5).max(5_000).default(50), // a request waits no longer on Redis; then local state
  FRONTDESK_DATA_DIR: z.string().default(path.resolve(process.cwd(), ".data")),
  // secrets at rest: 32 bytes, hex or base64; unset = <FRONTDESK_DATA_DIR>/secret.key (lib/db/secret-key.ts)
  FRONTDESK_SECRET_KEY: z.string().optional(),
  // server
  PORT: z.coerce.number().int().min(0).max(65535).default(3000), // 0 = any free port
  HOST: z.string().default("0.0.0.0"),
  HTTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).default(4096), // more are closed on accept
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000), // slowloris
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(120_000), // headers + body (a 100 MB dataset upload too), not the response
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0), // reverse proxies in front whose X-Forwarded-For is trusted
  // first admin (used once, on the first start of an empty database)
  ADMIN_EMAIL: z.string().email().optional(),
  ADMIN_PASSWORD: z.string().min(8, "ADMIN_PASSWORD must be at least 8 characters").optional(),
  // sessions
  SESSION_TTL_HOURS: z.coerce.number().positive().default(24 * 7), // idle: activity extends it
  SESSION_MAX_AGE_DAYS: z.coerce.number().positive().default(30), // absolute: from sign-in, whatever the activity
  SIGN_IN_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).default(20), // attempts per address (IPv6: per /64)
  SIGN_IN_GLOBAL_PER_MINUTE: z.coerce.number().int().min(1).default(120), // attempts on this deployment, all addresses
  COOKIE_SECURE: z.enum(["auto", "always", "never"]).default("auto"),
  // gateway
  GATEWAY_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(10 * 1024 * 1024),
  REQUEST_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).default(90),
  REQUEST_LOG_QUEUE_MAX: z.coerce.number().int().min(100).default(100_000),
  REQUEST_LOG_QUEUE_MAX_BYTES: z.coerce.number().int().min(1024 * 1024).default(256 * 1024 * 1024), // estimated row sizes
  // `npm run gateway`: the log's rows encoded and written by a worker thread (lib/gateway/request-log-sink.ts); false: in the main thread
  REQUEST_LOG_THREAD: bool.default(true),
  /** Set by scripts/gateway.mjs: the compiled thread's file (without it the log is written in the main thread). */
  FRONTDESK_REQUEST_LOG_THREAD_FILE: z.string().min(1).optional(),
  GATEWAY_HEAP_GROWTH_PERCENT: z.coerce.number().int().min(0).max(1000).default(200),
  // `npm run gateway`: processes sharing the port (node:cluster); auto = one per core
  GATEWAY_WORKERS: z.union([z.literal("auto"), z.coerce.number().int().min(1).max(256)], { error: "must be a number of workers (1–256) or auto" }).default(1),
  // metrics (GET /metrics, Prometheus text format)
  METRICS_ENABLED: bool.default(true),
  /** When set, a scrape must send `Authorization: Bearer <token>` (else 401). */
  METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN must be at least 16 characters").regex(/^[\x21-\x7e]+$/, "METRICS_TOKEN must be printable ASCII without spaces").optional(),
  // jobs
  JOB_HEARTBEAT_TIMEOUT_MS: z.coerce.number().int().min(1000).default(60_000),
  // alerts (lib/alerts; README: Alerts): the worker evaluates conditions and delivers messages
  ALERTS_EVALUATE_MS: z.coerce.number().int().min(100).default(20_000),
  ALERTS_DELIVER_MS: z.coerce.number().int().min(50).default(2_000),
  ALERTS_COOLDOWN_MS: z.coerce.number().int().min(0).default(15 * 60_000), // a key that cleared fires again only after this
  ALERTS_RETRY_BASE_MS: z.coerce.number().int().min(10).default(10_000), // backoff: base × 2^(attempt − 1)
  ALERTS_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL").optional(), // email channels
  SMTP_FROM: z.string().default("Frontdesk <frontdesk@localhost>"),
  // tracing (OpenTelemetry, OTLP/HTTP JSON; README: Tracing): off unless an endpoint is set
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl, // base URL: spans go to <it>/v1/traces
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optionalUrl, // the traces URL as is (wins over the base)
  OTEL_EXPORTER_OTLP_HEADERS: z.string().default(""), // "key=value,key2=value2" (values URL-encoded)
  OTEL_EXPORTER_OTLP_TRACES_HEADERS: z.string().default(""), // added to (and overriding) the above
  OTEL_SERVICE_NAME: z.string().min(1).default("frontdesk"),
  OTEL_TRACES_SAMPLER: z.enum(["always_on", "always_off", "traceidratio", "parentbased_always_on", "parentbased_always_off", "parentbased_traceidratio"]).default("parentbased_always_on"),
  OTEL_TRACES_SAMPLER_ARG: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().min(0).max(1).optional()), // the ratio (default 1)
  OTEL_SDK_DISABLED: bool.default(false),
  WORKER_HEALTH_PORT: z.coerce.number().int().min(0).max(65535).optional(), // `npm run worker`: /api/health/live + /ready on this port; unset: none
  // demo data
  FRONTDESK_SEED_DEMO: bool.default(true),
});

const checkedSchema = schema.refine((e) => e.HTTP_HEADERS_TIMEOUT_MS <= e.HTTP_REQUEST_TIMEOUT_MS, {
  path: ["HTTP_HEADERS_TIMEOUT_MS"],
  message: "must not exceed HTTP_REQUEST_TIMEOUT_MS (the headers are part of the request)",
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = checkedSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${problems}`);
  }
  cached = parsed.data;
  return cached;
}

/** Tests and the start script change process.env; let them re-read it. */
export function resetEnvCache() {
  cached = undefined;
}

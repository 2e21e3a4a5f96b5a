import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const port = z.coerce.number().int().min(1).max(65535);
const ianaZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not a known IANA time zone' },
);

/** Each namespace lists the environment variables it reads; names are the env names. */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  // database
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/ })
    .default('postgres://postgres@127.0.0.1:5432/parking'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATABASE_RUN_MIGRATIONS: bool.default(true),
  // optional read-only connection (a streaming replica) for dashboard and report queries
  DATABASE_READ_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  // event-history day partitions older than this many days are retired (0 = kept forever); at
  // least 9 because ingest accepts events up to 7 days late (plus a day of margin)
  HISTORY_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .refine((d) => d === 0 || d >= 9, { message: 'must be 0 (keep forever) or at least 9' })
    .default(0),
  // drop: detach and drop; detach: detach only (kept as a plain table, for archiving)
  HISTORY_RETENTION_MODE: z.enum(['drop', 'detach']).default('drop'),
  // redis
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379/0'),
  REDIS_KEY_PREFIX: z.string().max(64).default(''),
  REDIS_MAX_OFFLINE_QUEUE: z.coerce.number().int().min(0).default(10000),
  // Redis Cluster seed nodes `host:port,host:port`; unset: the single Redis at REDIS_URL
  REDIS_CLUSTER_NODES: z
    .string()
    .regex(/^[A-Za-z0-9.-]+:\d{1,5}(,[A-Za-z0-9.-]+:\d{1,5})*$/, 'must be host:port[,host:port...]')
    .optional(),
  // mqtt
  MQTT_URL: z.url({ protocol: /^(mqtts?|wss?|tcp)$/ }).default('mqtt://127.0.0.1:1883'),
  MQTT_USERNAME: z.string().optional(),
  MQTT_PASSWORD: z.string().optional(),
  // the deployment's session prefix, shared by its ingest workers (partition p: `<id>-p<p>`);
  // unset: `parking-ingest-<8 hex>` derived from the database's identity (docs/ingest.md)
  MQTT_CLIENT_ID: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,59}$/, 'must be 1..59 chars of [A-Za-z0-9_.:-]')
    .optional(),
  // the ingest worker's MQTT protocol: 5 (default; Mosquitto) or 4 = 3.1.1 (the embedded
  // development profile's in-process broker speaks only 3.1.1)
  MQTT_PROTOCOL_VERSION: z.enum(['4', '5']).default('5').transform(Number),
  MQTT_TOPIC_ROOT: z
    .string()
    .regex(/^[A-Za-z0-9_/-]*$/)
    .default(''),
  // http
  // loopback unless configured: the ingest worker's metrics port has no authentication
  HTTP_HOST: z.string().default('127.0.0.1'),
  HTTP_PORT: port.default(3000),
  HTTP_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  HTTP_TRUST_PROXY: bool.default(false),
  /**
   * Browser origins allowed to call the API from another site (a dashboard served elsewhere),
   * comma-separated exact origins like `https://ops.example.cn`; empty = no CORS headers.
   */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v, ctx) => {
      const list = v
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean);
      for (const o of list) {
        let ok = false;
        try {
          const u = new URL(o);
          ok = (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === o;
        } catch {
          ok = false;
        }
        if (!ok)
          ctx.addIssue({
            code: 'custom',
            message: `"${o}" is not an origin like https://host[:port]`,
          });
      }
      return list;
    }),
  // auth
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_TTL_SECONDS: z.coerce.number().int().min(60).max(86400).default(900),
  ADMIN_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  // city
  CITY_TIMEZONE: ianaZone.default('Asia/Shanghai'),
  CURRENCY: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .default('CNY'),
  // driver guidance API
  RATE_LIMIT_ENABLED: bool.default(true),
  RATE_LIMIT_MAX: z.coerce.number().int().min(1).max(1_000_000).default(300),
  RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  GUIDANCE_GRID_CELL_M: z.coerce.number().int().min(50).max(2000).default(150),
  GUIDANCE_INTENT_PENALTY_M: z.coerce.number().min(0).max(5000).default(150),
  GUIDANCE_ARRIVAL_PENALTY_M: z.coerce.number().min(0).max(5000).default(600),
  GUIDANCE_INTENT_MARGIN_S: z.coerce.number().int().min(60).max(7200).default(600),
  GUIDANCE_INTENT_RATE_MAX: z.coerce.number().int().min(1).max(100_000).default(30),
  GUIDANCE_SIGNS_SUBTRACT_INTENTS: bool.default(false),
  STREAM_MAX_PENDING: z.coerce.number().int().min(1).max(1_000_000).default(2000),
  // ingest worker
  INGEST_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  INGEST_BATCH_MAX_EVENTS: z.coerce.number().int().min(1).max(100_000).default(2000),
  INGEST_BATCH_MAX_DELAY_MS: z.coerce.number().int().min(0).max(10_000).default(2),
  INGEST_COMMIT_MAX_DELAY_MS: z.coerce.number().int().min(0).max(10_000).default(10),
  INGEST_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  INGEST_SWEEP_INTERVAL_MS: z.coerce.number().int().min(50).max(600_000).default(1000),
  INGEST_STUCK_MS: z.coerce.number().int().min(100).max(3_600_000).default(10_000),
  INGEST_PARTITIONS: z.coerce.number().int().min(1).max(64).default(1),
  INGEST_TAKEOVER_MS: z.coerce.number().int().min(100).max(600_000).default(2000),
  MQTT_RECEIVE_MAXIMUM: z.coerce.number().int().min(1).max(65535).default(4000),
  MQTT_SESSION_EXPIRY_S: z.coerce.number().int().min(0).max(4294967295).default(86400),
  // enforcement
  ENFORCEMENT_GRACE_MIN: z.coerce.number().int().min(0).max(120).default(5),
  ENFORCEMENT_FLAG_START_INSIDE_RESTRICTED: bool.default(false),
  ENFORCER_RECONCILE_MS: z.coerce.number().int().min(1000).max(86_400_000).default(300_000),
  ENFORCER_CITY_RELOAD_MS: z.coerce.number().int().min(1000).max(86_400_000).default(60_000),
  // web dashboard (docs/dashboard.md)
  /** Folder of the built dashboard (default: dist/dashboard of the checkout). */
  DASHBOARD_DIR: z.string().optional(),
  /** Map tiles, e.g. `https://tiles.example.cn/{z}/{x}/{y}.png`; empty = a plain background. */
  DASHBOARD_TILE_URL: z
    .string()
    .refine(
      (u) => /^https?:\/\/[^\s]+$/.test(u) && ['{z}', '{x}', '{y}'].every((p) => u.includes(p)),
      'must be an http(s) URL template with {z}, {x} and {y}',
    )
    .optional(),
  DASHBOARD_TILE_ATTRIBUTION: z.string().max(300).default(''),
  // logging
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // unset: one-line text when NODE_ENV=development, else JSON lines (docs/operations.md#logs)
  LOG_PRETTY: bool.optional(),
  // share of API requests logged (0..1; unset: 1 in development, else 0); 5xx always logged;
  // never GET /v1/spaces/nearby
  REQUEST_LOG_SAMPLE: z.coerce.number().min(0).max(1).optional(),
  // a service (broker, Redis, PostgreSQL) that stays down is reported again at most this often
  SERVICE_DOWN_LOG_INTERVAL_MS: z.coerce.number().int().min(100).max(86_400_000).default(60_000),
});

export type Env = z.infer<typeof envSchema>;

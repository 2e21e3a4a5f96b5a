import { AppConfig } from './app-config';
import { envSchema } from './config.schema';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** Validates every setting at once; throws ConfigError naming each bad variable. */
export function loadConfig(source: Record<string, string | undefined> = process.env): AppConfig {
  const cleaned: Record<string, string> = {};
  for (const [k, v] of Object.entries(source)) if (v !== undefined && v !== '') cleaned[k] = v;
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    );
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && !e.JWT_SECRET) {
    throw new ConfigError(['JWT_SECRET: required when NODE_ENV=production']);
  }
  if (e.REDIS_CLUSTER_NODES && /[{}]/.test(e.REDIS_KEY_PREFIX)) {
    // a hash tag in the prefix would put every key of every lot into one cluster slot
    throw new ConfigError(['REDIS_KEY_PREFIX: must not contain { or } with REDIS_CLUSTER_NODES']);
  }
  return new AppConfig(
    e.NODE_ENV,
    {
      url: e.DATABASE_URL,
      poolSize: e.DATABASE_POOL_SIZE,
      runMigrations: e.DATABASE_RUN_MIGRATIONS,
      readUrl: e.DATABASE_READ_URL ?? null,
      retention: { days: e.HISTORY_RETENTION_DAYS, mode: e.HISTORY_RETENTION_MODE },
    },
    {
      url: e.REDIS_URL,
      keyPrefix: e.REDIS_KEY_PREFIX,
      maxOfflineQueue: e.REDIS_MAX_OFFLINE_QUEUE,
      clusterNodes: e.REDIS_CLUSTER_NODES?.split(',') ?? [],
    },
    {
      url: e.MQTT_URL,
      username: e.MQTT_USERNAME,
      password: e.MQTT_PASSWORD,
      clientId: e.MQTT_CLIENT_ID ?? null,
      topicRoot: e.MQTT_TOPIC_ROOT,
      protocolVersion: e.MQTT_PROTOCOL_VERSION as 4 | 5,
    },
    {
      host: e.HTTP_HOST,
      port: e.HTTP_PORT,
      trustProxy: e.HTTP_TRUST_PROXY,
      workers: e.HTTP_WORKERS,
      corsOrigins: e.CORS_ORIGINS,
    },
    { jwtSecret: e.JWT_SECRET, jwtTtlSeconds: e.JWT_TTL_SECONDS, adminToken: e.ADMIN_TOKEN },
    { timeZone: e.CITY_TIMEZONE, currency: e.CURRENCY },
    e.LOG_LEVEL,
    {
      rateLimit: {
        enabled: e.RATE_LIMIT_ENABLED,
        max: e.RATE_LIMIT_MAX,
        windowMs: e.RATE_LIMIT_WINDOW_MS,
      },
      gridCellM: e.GUIDANCE_GRID_CELL_M,
      intents: {
        penaltyM: e.GUIDANCE_INTENT_PENALTY_M,
        arrivalPenaltyM: e.GUIDANCE_ARRIVAL_PENALTY_M,
        marginS: e.GUIDANCE_INTENT_MARGIN_S,
        rateMax: e.GUIDANCE_INTENT_RATE_MAX,
        signsSubtract: e.GUIDANCE_SIGNS_SUBTRACT_INTENTS,
      },
      streamMaxPending: e.STREAM_MAX_PENDING,
    },
    {
      metricsPort: e.INGEST_METRICS_PORT,
      batchMaxEvents: e.INGEST_BATCH_MAX_EVENTS,
      batchMaxDelayMs: e.INGEST_BATCH_MAX_DELAY_MS,
      commitMaxDelayMs: e.INGEST_COMMIT_MAX_DELAY_MS,
      concurrency: e.INGEST_CONCURRENCY,
      sweepIntervalMs: e.INGEST_SWEEP_INTERVAL_MS,
      stuckMs: e.INGEST_STUCK_MS,
      receiveMaximum: e.MQTT_RECEIVE_MAXIMUM,
      sessionExpiryS: e.MQTT_SESSION_EXPIRY_S,
      partitions: e.INGEST_PARTITIONS,
      takeoverMs: e.INGEST_TAKEOVER_MS,
    },
    {
      graceMin: e.ENFORCEMENT_GRACE_MIN,
      flagStartInsideRestricted: e.ENFORCEMENT_FLAG_START_INSIDE_RESTRICTED,
      reconcileEveryMs: e.ENFORCER_RECONCILE_MS,
      cityReloadEveryMs: e.ENFORCER_CITY_RELOAD_MS,
    },
    {
      dir: e.DASHBOARD_DIR,
      tileUrl: e.DASHBOARD_TILE_URL,
      tileAttribution: e.DASHBOARD_TILE_ATTRIBUTION,
    },
    {
      level: e.LOG_LEVEL,
      pretty: e.LOG_PRETTY ?? e.NODE_ENV === 'development',
      requestSample: e.REQUEST_LOG_SAMPLE ?? (e.NODE_ENV === 'development' ? 1 : 0),
      serviceDownIntervalMs: e.SERVICE_DOWN_LOG_INTERVAL_MS,
    },
  );
}

/** For process entry points: print the problems and exit non-zero instead of a stack trace. */
export function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
}

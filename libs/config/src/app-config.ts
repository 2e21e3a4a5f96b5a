import { Env } from './config.schema';

export interface DatabaseConfig {
  url: string;
  poolSize: number;
  runMigrations: boolean;
  /** Read-only connection for dashboards and reports; null = the main one. */
  readUrl?: string | null;
  /** History partition retention (days 0 = keep forever). */
  retention?: HistoryRetention;
}
export interface HistoryRetention {
  days: number;
  mode: 'drop' | 'detach';
}
export interface RedisConfig {
  url: string;
  keyPrefix: string;
  maxOfflineQueue: number;
  /**
   * Redis Cluster seed nodes (`host:port`, REDIS_CLUSTER_NODES); empty: the single Redis at
   * `url`. With a cluster, the user and password of `url` (and `rediss`: TLS) apply to every node.
   */
  clusterNodes?: string[];
}
export interface MqttConfig {
  url: string;
  username?: string;
  password?: string;
  /**
   * Session prefix of the deployment, shared by all its workers: partition p is `<clientId>-p<p>`.
   * null (MQTT_CLIENT_ID unset): the ingest worker derives `parking-ingest-<8 hex>` from the
   * database's identity, so two installations on one broker never share sessions.
   */
  clientId: string | null;
  /** Prefix before `parking/v1/...`; empty in production, set by tests to isolate a broker. */
  topicRoot: string;
  /**
   * The ingest worker's MQTT protocol: 5, or 4 (3.1.1) for brokers without MQTT 5 (the embedded
   * development profile's): persistent sessions and QoS 1 hold, MQTT 5's session expiry,
   * receive maximum and takeover reason codes do not apply.
   */
  protocolVersion: 4 | 5;
}
export interface HttpConfig {
  host: string;
  port: number;
  trustProxy: boolean;
  /** API processes sharing the port (node:cluster); 1 = no cluster. */
  workers: number;
  /** Origins allowed by CORS (exact match); empty = CORS off. */
  corsOrigins: string[];
}
export interface AuthConfig {
  jwtSecret?: string;
  jwtTtlSeconds: number;
  adminToken?: string;
}
export interface CityConfig {
  timeZone: string;
  currency: string;
}

export interface GuidanceConfig {
  /** Per client IP and window, shared across API instances (Redis fixed window). */
  rateLimit: { enabled: boolean; max: number; windowMs: number };
  /** Cell size of the in-memory free-space grid. */
  gridCellM: number;
  /** Events a slow stream client may have pending before it is disconnected. */
  streamMaxPending: number;
  /** Declared intents: ranking penalty, counted margin past the ETA, writes per client and rate-limit window, signs. */
  intents: {
    penaltyM: number;
    /** Arrival-aware ranking of `eta` queries while intents are open (0 = off). */
    arrivalPenaltyM: number;
    marginS: number;
    rateMax: number;
    signsSubtract: boolean;
  };
}

export const DEFAULT_GUIDANCE_CONFIG: GuidanceConfig = {
  rateLimit: { enabled: true, max: 300, windowMs: 60_000 },
  gridCellM: 150,
  streamMaxPending: 2000,
  intents: { penaltyM: 150, arrivalPenaltyM: 600, marginS: 600, rateMax: 30, signsSubtract: false },
};

export interface IngestConfig {
  /** Port of the worker's /metrics and /health (0 = off). */
  metricsPort: number;
  /** A batch is processed when it holds this many messages' events or after maxDelayMs. */
  batchMaxEvents: number;
  batchMaxDelayMs: number;
  /**
   * The durable record of applied batches waits until the oldest has waited this long (or a
   * batch's worth is queued): fewer statements at low rates; delays acks, never visibility.
   */
  commitMaxDelayMs: number;
  /** Batches being recorded at once (acks still go out in order). */
  concurrency: number;
  sweepIntervalMs: number;
  /** A batch in progress longer than this makes the worker not ready (and counts as stuck). */
  stuckMs: number;
  /** MQTT 5 receive maximum: unacknowledged messages the broker may send us. */
  receiveMaximum: number;
  /** MQTT 5 session expiry, so unacked messages survive a worker restart. */
  sessionExpiryS: number;
  /** Gateway topic partitions, each one non-shared persistent session owned by one worker. */
  partitions: number;
  /** How often a worker checks partition ownership (takes a dead worker's, rebalances). */
  takeoverMs: number;
}

export const DEFAULT_INGEST_CONFIG: IngestConfig = {
  metricsPort: 9464,
  batchMaxEvents: 2000,
  batchMaxDelayMs: 2,
  commitMaxDelayMs: 10,
  concurrency: 2,
  sweepIntervalMs: 1000,
  stuckMs: 10000,
  receiveMaximum: 4000,
  sessionExpiryS: 86400,
  partitions: 1,
  takeoverMs: 2000,
};

export interface EnforcementConfig {
  /** Minutes a session may run past a switch-over before it is a suspected breach. */
  graceMin: number;
  /** Also suspect sessions that begin inside a non-public window (off by default: residents park there). */
  flagStartInsideRestricted: boolean;
  /** The enforcer re-reads the live state this often (pub/sub is lossy across reconnects). */
  reconcileEveryMs: number;
  /** The enforcer recompiles the city's rules this often. */
  cityReloadEveryMs: number;
}

export const DEFAULT_ENFORCEMENT_CONFIG: EnforcementConfig = {
  graceMin: 5,
  flagStartInsideRestricted: false,
  reconcileEveryMs: 300_000,
  cityReloadEveryMs: 60_000,
};

export interface DashboardConfig {
  /** Folder of the built dashboard; undefined = the checkout's dist/dashboard. */
  dir?: string;
  /** Leaflet tile URL template; undefined = no tiles (a plain background). */
  tileUrl?: string;
  tileAttribution: string;
}

export const DEFAULT_DASHBOARD_CONFIG: DashboardConfig = { tileAttribution: '' };

export interface LoggingConfig {
  level: Env['LOG_LEVEL'];
  /** One-line text instead of JSON lines (development). */
  pretty: boolean;
  /** Share of API requests written to the request log (0..1); 5xx responses always are. */
  requestSample: number;
  /** A service that stays down is reported again at most this often. */
  serviceDownIntervalMs: number;
}

export const DEFAULT_LOGGING_CONFIG: LoggingConfig = {
  level: 'info',
  pretty: false,
  requestSample: 0,
  serviceDownIntervalMs: 60_000,
};

/** The validated configuration, one namespace per concern. Built only by loadConfig. */
export class AppConfig {
  constructor(
    readonly env: Env['NODE_ENV'],
    readonly db: DatabaseConfig,
    readonly redis: RedisConfig,
    readonly mqtt: MqttConfig,
    readonly http: HttpConfig,
    readonly auth: AuthConfig,
    readonly city: CityConfig,
    readonly logLevel: Env['LOG_LEVEL'],
    readonly guidance: GuidanceConfig = DEFAULT_GUIDANCE_CONFIG,
    readonly ingest: IngestConfig = DEFAULT_INGEST_CONFIG,
    readonly enforcement: EnforcementConfig = DEFAULT_ENFORCEMENT_CONFIG,
    readonly dashboard: DashboardConfig = DEFAULT_DASHBOARD_CONFIG,
    readonly logging: LoggingConfig = { ...DEFAULT_LOGGING_CONFIG, level: logLevel },
  ) {}
}

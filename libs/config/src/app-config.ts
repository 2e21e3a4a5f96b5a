import { Env } from './config.schema';

export interface DatabaseConfig {
  url: string;
  poolSize: number;
  runMigrations: boolean;
}
export interface RedisConfig {
  url: string;
  keyPrefix: string;
  maxOfflineQueue: number;
}
export interface MqttConfig {
  url: string;
  username?: string;
  password?: string;
  clientId: string;
  shareGroup: string;
  /** Prefix before `parking/v1/...`; empty in production, set by tests to isolate a broker. */
  topicRoot: string;
}
export interface HttpConfig {
  host: string;
  port: number;
  trustProxy: boolean;
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
  ) {}
}

/** Types of scripts/dev-profile.js (plain CommonJS, loaded by scripts/start-backend.js). */
export declare const SERVICE_URLS: readonly string[];
export declare function parseDotEnv(text: string): Record<string, string>;
export declare function loadEnvironment(
  root: string,
  env?: Record<string, string | undefined>,
): { env: Record<string, string | undefined>; dotEnv: string | null };
export interface ProfileChoice {
  profile: 'services' | 'embedded';
  /** The service URLs that selected the services profile. */
  configured: string[];
  /** Set when the embedded profile must not start (NODE_ENV=production). */
  refusal: string | null;
}
export declare function selectProfile(env: Record<string, string | undefined>): ProfileChoice;

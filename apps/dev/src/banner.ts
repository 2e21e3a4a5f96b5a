export interface BannerInfo {
  profile: string;
  apiUrl: string;
  openApiUrl: string;
  /** Only when the route exists. */
  dashboardUrl: string | null;
  mqttUrl: string;
  mqttPort: number;
  databaseUrl: string;
  dataDir: string;
  liveState: string;
  importedSpaces: number;
  admin: { username: string; password: string } | null;
  simulating: boolean;
  startedInS: number;
  /** Where the start time went. */
  phases: string[];
}

/** The loud start banner: what runs where, what to try, and that it is not production. */
export function banner(b: BannerInfo): string {
  const rule = '='.repeat(78);
  const lines = [
    '',
    rule,
    `  ${b.profile.toUpperCase()}: NOT FOR PRODUCTION`,
    '  one process, embedded PostgreSQL, in-process MQTT 3.1.1 broker, live state in memory',
    rule,
    `  API         ${b.apiUrl}`,
    `  OpenAPI     ${b.openApiUrl}  (docs UI: ${b.apiUrl}/docs)`,
    ...(b.dashboardUrl ? [`  Dashboard   ${b.dashboardUrl}`] : []),
    `  MQTT        ${b.mqttUrl}  (MQTT 3.1.1, QoS 1)`,
    `  PostgreSQL  ${b.databaseUrl}  (data in ${b.dataDir})`,
    `  Live state  ${b.liveState}`,
  ];
  if (b.importedSpaces > 0)
    lines.push(`  Sample city imported (data/sample-city.json, ${b.importedSpaces} spaces)`);
  if (b.admin) {
    lines.push(
      '',
      `  Staff admin created: username ${b.admin.username}  password ${b.admin.password}`,
      '  (shown this once; POST /v1/auth/login)',
    );
  }
  if (b.simulating) lines.push('', '  Simulator: the sample city, 10x real time, for a day');
  const host = new URL(b.mqttUrl).hostname;
  lines.push(
    '',
    '  Try:',
    `    mosquitto_pub -h ${host} -p ${b.mqttPort} -q 1 -t parking/v1/gateways/gw-01/events \\`,
    `      -m "{\\"sensorId\\":\\"sn-0001\\",\\"seq\\":1,\\"type\\":\\"startup\\",\\"occupied\\":true,\\"ts\\":$(date +%s%3N)}"`,
    `    curl '${b.apiUrl}/v1/spaces/sp-core-yan-an-rd-001'`,
    '',
    `  Serving after ${b.startedInS.toFixed(1)} s (${b.phases.join(', ')}).`,
    '  Ctrl-C stops everything; the data is kept.',
    rule,
    '',
  );
  return lines.join('\n');
}

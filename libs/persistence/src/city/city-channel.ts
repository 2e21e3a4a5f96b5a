/** The PostgreSQL NOTIFY channel of committed city changes (sent by PgCityStore). */
export const CITY_CHANGED_CHANNEL = 'city_changed';

/** Who publishes the city's data: DATEX II `publicationCreator`, NGSI-LD `dataProvider`. */
export interface Publisher {
  /** ISO 3166-1 alpha-2 country code. */
  country: string;
  /** The publisher's identifier within its country (e.g. the city's national access point id). */
  nationalIdentifier: string;
  /** Language of names and descriptions (BCP 47, e.g. `en`, `zh`). */
  lang: string;
  /** Base URL of this API, for `source` links; empty when unknown. */
  baseUrl: string;
}

export const DEFAULT_PUBLISHER: Publisher = {
  country: 'CN',
  nationalIdentifier: 'smart-parking',
  lang: 'en',
  baseUrl: '',
};

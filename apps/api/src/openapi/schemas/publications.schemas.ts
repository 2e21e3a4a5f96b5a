import { z } from 'zod';
import {
  GEOJSON_SPACES_LIMIT_DEFAULT,
  GEOJSON_SPACES_LIMIT_MAX,
  NGSI_LIMIT_DEFAULT,
  NGSI_LIMIT_MAX,
  Q_ATTRIBUTES,
} from '@app/publications';
import { count, dateTime, named } from './registry';
import { lotStatus } from './guidance.schemas';

/*
 * The standard publications (docs/standards.md). The DATEX II and NGSI-LD bodies are defined by
 * their official schemas (data/standards/); these describe their outline for API clients.
 */
const datexEnvelope = (key: string, description: string) =>
  z
    .object({
      payload: z
        .object({
          modelBaseVersionG: z.literal('3'),
          versionG: z.string(),
          [key]: z.looseObject({}),
        })
        .loose(),
    })
    .describe(description);

export const datexTableSchema = named(
  'DatexParkingTablePublication',
  datexEnvelope(
    'prkParkingTablePublication',
    'DATEX II v3 D2Payload (JSON encoding) with a ParkingTablePublication: zones as Campus, lots as Place',
  ),
);

export const datexStatusSchema = named(
  'DatexParkingStatusPublication',
  datexEnvelope(
    'prkParkingStatusPublication',
    'DATEX II v3 D2Payload (JSON encoding) with a ParkingStatusPublication: one PlaceStatus per lot',
  ),
);

const ngsiEntity = z
  .looseObject({
    id: z.string().describe('urn:ngsi-ld:<type>:<id>'),
    type: z.enum(['OffStreetParking', 'OnStreetParking', 'ParkingSpot', 'ParkingGroup']),
    '@context': z.array(z.string()),
  })
  .describe('A Smart Data Models entity, key-values (options=keyValues) or normalized');

export const ngsiEntitySchema = named('NgsiLdEntity', ngsiEntity);
export const ngsiEntitiesSchema = named('NgsiLdEntities', z.array(ngsiEntity));

export const ngsiQuerySchema = z.object({
  type: z
    .string()
    .optional()
    .describe('comma-separated: OffStreetParking, OnStreetParking, ParkingSpot, ParkingGroup'),
  id: z.string().optional().describe('comma-separated entity ids'),
  q: z
    .string()
    .optional()
    .describe(
      `clauses joined by ; on ${Q_ATTRIBUTES.join(', ')}, e.g. status=="free" or occupancy>0.9`,
    ),
  georel: z
    .string()
    .optional()
    .describe('near;maxDistance==<metres> (with geometry and coordinates)'),
  geometry: z.literal('Point').optional(),
  coordinates: z.string().optional().describe('[lon,lat]'),
  limit: z.int().min(1).max(NGSI_LIMIT_MAX).default(NGSI_LIMIT_DEFAULT),
  offset: z.int().min(0).default(0),
  options: z.string().optional().describe('keyValues for the simplified form'),
});
export const ngsiOptionsQuerySchema = z.object({ options: ngsiQuerySchema.shape.options });
export const entityIdParams = z.object({ entityId: z.string() });

const point = z.object({ type: z.literal('Point'), coordinates: z.array(z.number()).length(2) });

export const geoJsonLotsSchema = named(
  'GeoJsonLots',
  z
    .object({
      type: z.literal('FeatureCollection'),
      asOf: dateTime(),
      features: z.array(
        z.object({
          type: z.literal('Feature'),
          id: z.string(),
          geometry: point,
          properties: z.object({
            name: z.string(),
            zoneId: z.string(),
            category: z.string(),
            capacity: count(),
            status: lotStatus,
            free: count(),
            occupied: count(),
            unknown: count(),
            reserved: count(),
          }),
        }),
      ),
    })
    .describe('Every lot with its live counts and status (RFC 7946)'),
);

export const geoJsonFreeSpacesSchema = named(
  'GeoJsonFreeSpaces',
  z
    .object({
      type: z.literal('FeatureCollection'),
      asOf: dateTime(),
      bbox: z.array(z.number()).length(4),
      truncated: z.boolean().describe('more free spaces matched than `limit`'),
      features: z.array(
        z.object({
          type: z.literal('Feature'),
          id: z.string(),
          geometry: point,
          properties: z.object({ lotId: z.string().nullable(), type: z.string() }),
        }),
      ),
    })
    .describe('Spaces free for the general public now inside the bbox (RFC 7946)'),
);

export const freeSpacesQuerySchema = z.object({
  bbox: z.string().describe('minLon,minLat,maxLon,maxLat'),
  limit: z
    .int()
    .min(1)
    .max(GEOJSON_SPACES_LIMIT_MAX)
    .default(GEOJSON_SPACES_LIMIT_DEFAULT)
    .describe(`features, default ${GEOJSON_SPACES_LIMIT_DEFAULT}, max ${GEOJSON_SPACES_LIMIT_MAX}`),
});

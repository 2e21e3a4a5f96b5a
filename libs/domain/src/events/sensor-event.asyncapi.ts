import { z } from 'zod';
import { REJECT_REASONS } from './event-rejection';
import {
  SENSOR_EVENT_EXAMPLE,
  sensorEventSchema,
  sensorMessageSchema,
} from './sensor-event.schema';
import { MAX_MESSAGE_BYTES, SENSOR_TOPIC_PATTERN } from './sensor-event';

function schemaOf(s: z.ZodType): Record<string, unknown> {
  const { $schema: _s, ...rest } = z.toJSONSchema(s, { io: 'input', target: 'draft-2020-12' });
  return rest;
}

/**
 * The AsyncAPI 3.0 description of the sensor event contract v1 (docs/contracts.md), with the
 * payload schema generated from sensor-event.schema.ts. Committed as docs/asyncapi.json
 * (`npm run asyncapi`); test/contracts checks the file is current and agrees with the parser.
 */
export function sensorEventAsyncApi(): Record<string, unknown> {
  const event = schemaOf(sensorEventSchema);
  const message = schemaOf(sensorMessageSchema);
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Smart parking sensor events',
      version: '1.0.0',
      description:
        'Sensor event contract v1 (docs/contracts.md#sensor-event-contract-v1). Gateways publish ' +
        `JSON (UTF-8, at most ${MAX_MESSAGE_BYTES} bytes) with QoS 1. The ingest also refuses ` +
        'events whose ts is more than 10 minutes ahead or 7 days old, unknown sensors and ' +
        'sensors not bound to the publishing gateway; every refusal is stored with a reason ' +
        `(${REJECT_REASONS.join(', ')}). HTTP fallback: POST /v1/ingest/events (OpenAPI).`,
    },
    defaultContentType: 'application/json',
    servers: {
      broker: {
        host: 'localhost:1883',
        protocol: 'mqtt',
        description: 'Mosquitto; each gateway may write only under its own id (ACL)',
      },
    },
    channels: {
      gatewayEvents: {
        address: SENSOR_TOPIC_PATTERN,
        description: 'The events a gateway forwards; the topic names the gateway.',
        parameters: { gatewayId: { description: 'the publishing gateway (its identity)' } },
        messages: { sensorEvents: { $ref: '#/components/messages/sensorEvents' } },
      },
    },
    operations: {
      publishSensorEvents: {
        action: 'send',
        channel: { $ref: '#/channels/gatewayEvents' },
        summary: 'A gateway publishes one event or a batch of 1..1000 events',
        bindings: { mqtt: { qos: 1, retain: false } },
        messages: [{ $ref: '#/channels/gatewayEvents/messages/sensorEvents' }],
      },
    },
    components: {
      messages: {
        sensorEvents: {
          name: 'SensorEvents',
          contentType: 'application/json',
          payload: { $ref: '#/components/schemas/SensorMessage' },
          examples: [
            { name: 'one event', payload: SENSOR_EVENT_EXAMPLE },
            {
              name: 'a batch',
              payload: {
                events: [
                  SENSOR_EVENT_EXAMPLE,
                  {
                    sensorId: 'sn-0002',
                    seq: 7,
                    type: 'heartbeat',
                    occupied: false,
                    ts: 1772410500000,
                  },
                ],
              },
            },
          ],
        },
      },
      schemas: { SensorMessage: message, SensorEvent: event },
    },
  };
}

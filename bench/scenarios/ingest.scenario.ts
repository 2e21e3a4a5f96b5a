import { Figure, Scenario } from '../harness/scenario';
import { useStack } from '../harness/stack';
import { REF } from './refs';

/**
 * End-to-end ingest throughput: QoS 1 messages through the broker to the worker, counted when
 * every event is in the PostgreSQL history (the worker acks only after the Redis apply and the
 * history commit, so the last row also means the last event is live in Redis).
 */
export const ingestBatched: Scenario = {
  id: 'ingest-batched',
  title: 'ingest throughput, 50-event messages',
  async run(ctx): Promise<Figure[]> {
    const stack = await useStack(ctx.spaces, ctx.log);
    const messages = 6000;
    ctx.log(`publishing ${messages} messages x 50 events`);
    const r = await stack.publishAndRecord({ mode: 'events', batch: 50, messages });
    const rate = r.pub.events / r.seconds;
    ctx.log(
      `${r.pub.events} events in ${r.seconds.toFixed(2)} s (publisher done after ${r.pub.seconds} s)`,
    );
    ctx.log(r.cpu);
    return [
      {
        name: 'ingest, 50-event messages (MQTT -> Redis + PostgreSQL)',
        value: rate,
        unit: 'events/s',
        target: { value: 40_000, better: 'higher', floor: 20_000 },
        reference: REF.mqttBatchEvents,
        note: `${r.pub.events} events, ${r.rows} rows in ${r.seconds.toFixed(1)} s`,
        cpu: r.cpu,
      },
      {
        name: 'PostgreSQL history rows/s (during batched ingest)',
        value: r.rows / r.seconds,
        unit: 'rows/s',
        note: 'one statement per batch: history INSERT ... ON CONFLICT + live_space_record upsert',
      },
    ];
  },
};

export const ingestSingle: Scenario = {
  id: 'ingest-single',
  title: 'ingest throughput, single-event messages',
  async run(ctx): Promise<Figure[]> {
    const stack = await useStack(ctx.spaces, ctx.log);
    const messages = 120_000;
    ctx.log(`publishing ${messages} single-event messages`);
    const r = await stack.publishAndRecord({ mode: 'events', batch: 1, messages });
    const rate = r.pub.events / r.seconds;
    ctx.log(`${r.pub.events} events in ${r.seconds.toFixed(2)} s`);
    ctx.log(r.cpu);
    return [
      {
        name: 'ingest, single-event messages',
        value: rate,
        unit: 'events/s',
        target: { value: 15_000, better: 'higher', floor: 8_000 },
        reference: REF.mqttSmall,
        note: `${r.pub.events} events, ${r.rows} rows in ${r.seconds.toFixed(1)} s`,
        cpu: r.cpu,
      },
    ];
  },
};

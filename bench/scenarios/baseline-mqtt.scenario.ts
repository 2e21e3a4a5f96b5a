import mqtt from 'mqtt';
import { freePort } from '../../test/support/free-port';
import { BenchBroker } from '../harness/broker';
import { runNodeScript } from '../harness/child';
import { Figure, Scenario } from '../harness/scenario';
import { REF } from './refs';

/** Bare subscriber: counts messages, nothing else; returns messages/s between first and last. */
async function bareRate(bytes: number, messages: number, log: (l: string) => void) {
  const root = `bench-${process.pid}/`;
  const broker = new BenchBroker(await freePort());
  await broker.start();
  try {
    const sub = await mqtt.connectAsync(broker.url, { clean: true });
    let received = 0;
    let first = 0;
    let last = 0;
    sub.on('message', () => {
      if (received === 0) first = performance.now();
      received++;
      last = performance.now();
    });
    await sub.subscribeAsync(`${root}parking/v1/gateways/+/events`, { qos: 1 });
    log(`publishing ${messages} QoS 1 messages of ${bytes} bytes`);
    await runNodeScript('bench/harness/mqtt-publisher', [
      ...['--url', broker.url, '--topic-root', root, '--messages', String(messages)],
      ...['--mode', 'raw', '--bytes', String(bytes), '--inflight', '1000'],
    ]);
    const deadline = Date.now() + 30_000;
    while (received < messages && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    await sub.endAsync();
    return { received, rate: received / Math.max(0.001, (last - first) / 1000) };
  } finally {
    broker.stop();
  }
}

/** Raw limit: a bare mqtt.js QoS 1 subscriber through the same kind of broker. */
export const baselineMqtt: Scenario = {
  id: 'baseline-mqtt',
  title: 'bare mqtt.js subscriber (reference)',
  async run(ctx): Promise<Figure[]> {
    const small = await bareRate(120, 200_000, ctx.log);
    ctx.log(`120-byte: ${Math.round(small.rate)} msg/s`);
    // a 50-event gateway message is ~4.3 KB of JSON
    const big = await bareRate(4300, 30_000, ctx.log);
    ctx.log(`4.3 KB: ${Math.round(big.rate)} msg/s`);
    return [
      {
        name: REF.mqttSmall,
        value: small.rate,
        unit: 'msg/s',
        note: `${small.received}/200000 received`,
      },
      {
        name: 'raw: mqtt.js QoS 1 subscriber, 4.3 KB messages',
        value: big.rate,
        unit: 'msg/s',
        note: `${big.received}/30000 received`,
      },
      { name: REF.mqttBatchEvents, value: big.rate * 50, unit: 'events/s', note: '= msg/s x 50' },
    ];
  },
};

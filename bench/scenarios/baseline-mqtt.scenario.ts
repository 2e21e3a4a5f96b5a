import mqtt from 'mqtt';
import { Scenario } from '../harness/scenario';
import { runNodeScript } from '../harness/child';
import { BenchBroker } from '../harness/broker';

const MESSAGES = 200_000;

/** Raw limit: a bare mqtt.js QoS 1 subscriber through the same broker, 120-byte messages. */
export const baselineMqtt: Scenario = {
  id: 'baseline-mqtt',
  title: 'bare mqtt.js subscriber (reference)',
  async run(ctx) {
    const root = `bench-${process.pid}/`;
    const broker = new BenchBroker();
    await broker.start();
    const url = broker.url;
    const sub = await mqtt.connectAsync(url, { clean: true });
    let received = 0;
    let first = 0;
    let last = 0;
    sub.on('message', () => {
      if (received === 0) first = Date.now();
      received++;
      last = Date.now();
    });
    await sub.subscribeAsync(`${root}parking/v1/gateways/+/events`, { qos: 1 });
    ctx.log(`publishing ${MESSAGES} QoS 1 messages of 120 bytes`);
    await runNodeScript('bench/harness/mqtt-publisher.js', [
      '--url',
      url,
      '--topic-root',
      root,
      '--messages',
      String(MESSAGES),
      '--mode',
      'raw',
    ]);
    const deadline = Date.now() + 30_000;
    while (received < MESSAGES && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    await sub.endAsync();
    broker.stop();
    const rate = received / Math.max(0.001, (last - first) / 1000);
    return [
      {
        name: 'raw: mqtt.js QoS 1 subscriber',
        value: rate,
        unit: 'msg/s',
        note: `${received}/${MESSAGES} received`,
      },
    ];
  },
};

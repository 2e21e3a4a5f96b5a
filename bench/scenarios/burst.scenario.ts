import { Figure, Scenario } from '../harness/scenario';
import { useStack } from '../harness/stack';

/**
 * Every sensor reports at once (gateways forward 50-event messages, interleaved): time from the
 * first publish until every event is recorded; then every space's live record must carry the
 * burst's seq (nothing lost). Also Redis memory (INFO used_memory of the private server, minus
 * the empty server) once every space has a record.
 */
export const burst: Scenario = {
  id: 'burst',
  title: 'burst: every sensor reports at once; Redis memory',
  async run(ctx): Promise<Figure[]> {
    const stack = await useStack(ctx.spaces, ctx.log);
    const before = new Map((await stack.snapshot()).map((s) => [s.spaceId, s.seq]));
    const r = await stack.publishAndRecord({ mode: 'sweep', batch: 50 });
    const after = await stack.snapshot();
    const updated = after.filter((s) => s.seq !== before.get(s.spaceId)).length;
    const lost = stack.city.sensors.length - Math.min(updated, r.rows);
    ctx.log(
      `${r.pub.events} events absorbed in ${r.seconds.toFixed(2)} s; ${updated} live records updated, ${r.rows} rows`,
    );
    ctx.log(r.cpu);
    const bytes = (await stack.redisUsedMemory()) - stack.redisBaselineBytes;
    const per100k = ((bytes / stack.city.spaces.length) * 100_000) / 2 ** 20;
    return [
      {
        name: `burst: ${stack.city.sensors.length.toLocaleString('en-US')} sensors at once, absorbed in`,
        value: r.seconds,
        unit: 's',
        target: { value: 5, better: 'lower' },
        note: `publisher done after ${r.pub.seconds.toFixed(1)} s; ${Math.round(r.pub.events / r.seconds)} events/s`,
        cpu: r.cpu,
      },
      {
        name: 'burst: events lost',
        value: lost,
        unit: 'events',
        target: { value: 0, better: 'lower' },
        note: `${updated} live records updated, ${r.rows} history rows of ${r.pub.events}`,
      },
      {
        name: 'Redis memory per 100,000 spaces',
        value: per100k,
        unit: 'MiB',
        target: { value: 40, better: 'lower' },
        note: `used_memory +${(bytes / 2 ** 20).toFixed(1)} MiB for ${stack.city.spaces.length} spaces`,
      },
    ];
  },
};

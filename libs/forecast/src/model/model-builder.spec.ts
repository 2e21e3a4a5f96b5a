import { CalendarIndex, ZoneClock } from '@app/domain';
import { predictArrival } from './arrival-predictor';
import { DayKind, DayKindClock, SLOT_MS, SLOTS_PER_DAY } from './day-kind';
import { HistoryRecorder } from './history-recorder';
import { ModelBuilder } from './model-builder';

const clock = new ZoneClock('Asia/Shanghai');
const kinds = new DayKindClock(
  clock,
  new CalendarIndex({ holidays: [{ date: '2026-11-20', name: 'test holiday' }] }),
);
// Monday 2026-11-02 00:00 +08:00
const START = Date.parse('2026-11-02T00:00:00+08:00');
const DAY = 86_400_000;

/** One lot of 4 spaces: all taken 08:00-10:00 every day, all free otherwise. */
function recordedHistory(days: number) {
  const rec = new HistoryRecorder(
    ['L1'],
    [4],
    Int32Array.from([0, 0, 0, 0]),
    START,
    START + days * DAY,
  );
  for (let d = 0; d < days; d++) {
    const base = START + d * DAY;
    for (let s = 0; s < 4; s++) rec.observe(s, base + 60_000, false);
    for (let s = 0; s < 4; s++) rec.observe(s, base + 8 * 3_600_000 - 60_000, true);
    for (let s = 0; s < 4; s++) rec.observe(s, base + 10 * 3_600_000 + 60_000, false);
  }
  return rec.finish();
}

describe('DayKindClock', () => {
  it('tells working days, rest days and holidays apart', () => {
    expect(kinds.kindOf(START)).toBe(DayKind.WorkingDay);
    expect(kinds.kindOf(START + 5 * DAY)).toBe(DayKind.RestDay);
    expect(kinds.kindOf(Date.parse('2026-11-20T12:00:00+08:00'))).toBe(DayKind.Holiday);
    expect(kinds.slotOf(START + 8 * 3_600_000 + 20 * 60_000)).toBe(33);
  });
});

describe('ModelBuilder + predictArrival', () => {
  const history = recordedHistory(14);
  const model = new ModelBuilder(kinds).build(history, START + 14 * DAY);
  const stats = model.statsOf('L1')!;
  const cell = (hour: number) => DayKind.WorkingDay * SLOTS_PER_DAY + hour * 4;

  it('learns the usual level per slot and day kind', () => {
    expect(history.freeAt(0, history.instantAt(START + 9 * 3_600_000))).toBe(0);
    expect(stats.meanFree[cell(9)]).toBe(0);
    expect(stats.meanFree[cell(12)]).toBe(4);
    expect(stats.anyFree[cell(12)]).toBe(1);
    expect(stats.samples[cell(12)]).toBeGreaterThanOrEqual(9);
  });

  it('predicts a full lot at its usual peak and a free one outside it, and explains why', () => {
    const peak = predictArrival(stats, model.calibration, {
      nowCell: cell(7) + 2,
      atCell: cell(9),
      horizonMin: 90,
      freeNow: 4,
    });
    expect(peak.probability).toBeLessThan(0.2);
    expect(peak.expectedFree).toBeLessThan(1);
    expect(peak.explanation.join(' ')).toContain('usually 0 of 4 free at 09:00 on a working day');
    const noon = predictArrival(stats, model.calibration, {
      nowCell: cell(11),
      atCell: cell(12),
      horizonMin: 60,
      freeNow: 4,
    });
    expect(noon.probability).toBeGreaterThan(0.8);
  });

  it('falls back to the usual level when there is no reading now', () => {
    const f = predictArrival(stats, model.calibration, {
      nowCell: cell(11),
      atCell: cell(12),
      horizonMin: 60,
      freeNow: null,
    });
    expect(f.expectedFree).toBe(4);
    expect(f.explanation).toContain('no current reading: the usual level alone');
  });

  it('uses the rest-day statistics for a holiday without history of its own', () => {
    const holidayCell = DayKind.Holiday * SLOTS_PER_DAY + 9 * 4;
    const f = predictArrival(stats, model.calibration, {
      nowCell: holidayCell - 1,
      atCell: holidayCell,
      horizonMin: SLOT_MS / 60_000,
      freeNow: null,
    });
    expect(f.explanation[0]).toContain('rest day');
  });
});

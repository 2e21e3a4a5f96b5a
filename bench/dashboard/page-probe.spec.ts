import { ProbeData, windowStats } from './page-probe';

describe('dashboard probe window statistics', () => {
  const probe = (frames: number[], longtasks: Array<[number, number]>): ProbeData => ({
    want: 1,
    frames,
    longtasks,
    submitAt: 0,
    markersAt: 0,
    markers: 1,
  });

  it('counts frames per whole second of the window and the longest gap', () => {
    // 60 frames/s in the first second, 10 in the second (a 100 ms gap), none after the window
    const frames = [
      ...Array.from({ length: 60 }, (_, i) => 1000 + i * (1000 / 60)),
      ...Array.from({ length: 10 }, (_, i) => 2000 + i * 100),
      3500,
    ];
    const s = windowStats(probe(frames, []), 1000, 3000);
    expect(s.seconds).toBe(2);
    expect(s.fps).toEqual([60, 10]);
    expect(s.fpsMin).toBe(10);
    expect(s.fpsMedian).toBe(10);
    expect(s.maxFrameGapMs).toBe(100);
  });

  it('counts long tasks that start inside the window', () => {
    const s = windowStats(
      probe(
        [],
        [
          [500, 300],
          [1200, 60],
          [1800, 120.4],
          [2999, 51],
          [3000, 400],
        ],
      ),
      1000,
      3000,
    );
    expect(s.longTasks).toBe(3);
    expect(s.over50).toBe(3);
    expect(s.over100).toBe(1);
    expect(s.maxLongTaskMs).toBe(120);
    expect(s.longTaskMs).toBe(231);
  });
});

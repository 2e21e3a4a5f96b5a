import { API_NODE_FLAGS, withApiFlags } from './node-flags';

describe('withApiFlags', () => {
  it('adds the API flags a worker lacks and keeps the ones given', () => {
    expect(withApiFlags(['-r', 'x.js'])).toEqual(['-r', 'x.js', ...API_NODE_FLAGS]);
    expect(withApiFlags(['--max-semi-space-size=8'])).toEqual(['--max-semi-space-size=8']);
  });
});

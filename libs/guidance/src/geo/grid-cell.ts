/**
 * The points of one grid cell, kept in parallel typed arrays so a search reads each cell's
 * coordinates contiguously (no per-point objects, no lookups through the id).
 */
export class GridCell {
  n = 0;
  ids = new Int32Array(8);
  lat = new Float64Array(8);
  lon = new Float64Array(8);

  /** Appends a point; returns its slot. */
  add(id: number, lat: number, lon: number): number {
    if (this.n === this.ids.length) this.grow();
    const at = this.n++;
    this.ids[at] = id;
    this.lat[at] = lat;
    this.lon[at] = lon;
    return at;
  }

  /** Removes the point in `at` by moving the last one there; returns the moved id or -1. */
  removeAt(at: number): number {
    const last = --this.n;
    if (at === last) return -1;
    const moved = this.ids[last];
    this.ids[at] = moved;
    this.lat[at] = this.lat[last];
    this.lon[at] = this.lon[last];
    return moved;
  }

  private grow(): void {
    const size = this.ids.length * 2;
    const ids = new Int32Array(size);
    ids.set(this.ids);
    const lat = new Float64Array(size);
    lat.set(this.lat);
    const lon = new Float64Array(size);
    lon.set(this.lon);
    this.ids = ids;
    this.lat = lat;
    this.lon = lon;
  }
}

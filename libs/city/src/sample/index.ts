// The sample catalogue and official calendar: plain data, no Nest or database (the simulator uses it).
export * from './official-calendar';
export * from './sample-catalog';

export * from './types';
export * from './client';
export * from './groups';
export * from './actions';
export * from './live';
export * from './derive';

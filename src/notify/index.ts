export * from './notifier';
export * from './records';
export * from './reminder';
export * from './rules';
export * from './settings';
export * from './shown';
export * from './text';

export * from './common';
export * from './errors';
export * from './ssh-keys';

export * from './common';
export * from './errors';
export * from './ssh-keys';
export * from './firewalls';
export * from './blocks';
export * from './dns';

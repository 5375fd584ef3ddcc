export * from './types';
export * from './value';
export * from './codec';
export * from './equality';
export { MsgpackError } from './msgpack';

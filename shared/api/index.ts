export * from './errors.ts';
export * from './events.ts';
export * from './requests.ts';
export * from './transport.ts';
export * from './client.ts';

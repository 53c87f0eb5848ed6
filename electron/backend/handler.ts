import type { ParsedInput, RequestName, RequestOutput } from '../../shared/api/requests.ts';
import type { Ctx } from './context.ts';

export type Handler<N extends RequestName> = (
  input: ParsedInput<N>,
  ctx: Ctx,
) => RequestOutput<N> | Promise<RequestOutput<N>>;

/** A domain's handlers: exactly the names it lists, each typed from the contract. */
export type HandlerMap<N extends RequestName> = { [K in N]: Handler<K> };

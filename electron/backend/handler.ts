import type { ParsedInput, RequestName, WireOutput } from '../../shared/api/requests.ts';
import type { Ctx } from './context.ts';

/** A request's handler: it answers what the transport carries (a packed page where the contract says so). */
export type Handler<N extends RequestName> = (
  input: ParsedInput<N>,
  ctx: Ctx,
) => WireOutput<N> | Promise<WireOutput<N>>;

/** A domain's handlers: exactly the names it lists, each typed from the contract. */
export type HandlerMap<N extends RequestName> = { [K in N]: Handler<K> };

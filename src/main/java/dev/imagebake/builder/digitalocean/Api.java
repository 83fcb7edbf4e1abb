package dev.imagebake.builder.digitalocean;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.CancelledException;
import dev.imagebake.sdk.StateBag;

/** Small helpers the steps share. */
final class Api {
  private Api() {}

  /** The client, its pauses ended by this context's cancellation (a cleanup's in a cleanup). */
  static DoClient of(BuildContext ctx, StateBag state) {
    return state.require(DoState.CLIENT).cancelledBy(ctx.cancellation());
  }

  /**
   * {@code prefix + cause}, as Packer words a step's failure; an interrupt passes through
   * unchanged.
   */
  static RuntimeException fail(String prefix, RuntimeException cause) {
    if (cause instanceof CancelledException) {
      return cause;
    }
    return new IllegalStateException(prefix + cause.getMessage(), cause);
  }

  /** Runs a delete; a 404 means it is gone already. */
  static void delete(Runnable call) {
    try {
      call.run();
    } catch (DoApiException e) {
      if (!e.notFound()) {
        throw e;
      }
    }
  }
}

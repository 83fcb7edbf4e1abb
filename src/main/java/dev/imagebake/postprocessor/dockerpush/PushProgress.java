package dev.imagebake.postprocessor.dockerpush;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.PushResponseItem;

/** Reads the engine's push messages and keeps the error one reports (the push then failed). */
final class PushProgress extends ResultCallback.Adapter<PushResponseItem> {
  private volatile String error;

  @Override
  public void onNext(PushResponseItem item) {
    if (item.isErrorIndicated()) {
      String message =
          item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
              ? item.getErrorDetail().getMessage()
              : item.getError();
      error = message == null ? "the engine reported an error" : message;
    }
  }

  /** The error the push ended with, or null. */
  String error() {
    return error;
  }
}

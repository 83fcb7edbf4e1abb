package dev.imagebake.builder.amazon.common;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * The debug log of EC2 calls: one line per HTTP attempt (so the SDK's retries show) with method,
 * URL, status and time, and one per failed call. Headers and bodies are not logged: they carry the
 * signature and the user data.
 */
final class AwsCallLog implements ExecutionInterceptor {
  private static final Logger LOG = LoggerFactory.getLogger(AwsCallLog.class);
  private static final ExecutionAttribute<Long> SENT = new ExecutionAttribute<>("imagebake.sent");

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    if (LOG.isDebugEnabled()) {
      attributes.putAttribute(SENT, System.nanoTime());
    }
  }

  @Override
  public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
    if (LOG.isDebugEnabled()) {
      SdkHttpRequest request = context.httpRequest();
      LOG.debug(
          "{} {}: {} in {} ms",
          request.method(),
          request.getUri(),
          context.httpResponse().statusCode(),
          millisSince(attributes));
    }
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    if (LOG.isDebugEnabled()) {
      Optional<SdkHttpRequest> request = context.httpRequest();
      LOG.debug(
          "{} {}: failed: {}",
          request.map(r -> r.method().name()).orElse("?"),
          request.map(r -> r.getUri().toString()).orElse("?"),
          context.exception().toString());
    }
  }

  private static long millisSince(ExecutionAttributes attributes) {
    Long sent = attributes.getAttribute(SENT);
    return sent == null ? -1 : (System.nanoTime() - sent) / 1_000_000;
  }
}

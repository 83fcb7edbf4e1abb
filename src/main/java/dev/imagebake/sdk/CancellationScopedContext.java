package dev.imagebake.sdk;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A build context with another cancellation, everything else delegated ({@link
 * BuildContext#withCancellation}).
 */
final class CancellationScopedContext implements BuildContext {
  private final BuildContext delegate;
  private final Cancellation cancellation;

  CancellationScopedContext(BuildContext delegate, Cancellation cancellation) {
    this.delegate = delegate;
    this.cancellation = cancellation;
  }

  @Override
  public Cancellation cancellation() {
    return cancellation;
  }

  @Override
  public String buildName() {
    return delegate.buildName();
  }

  @Override
  public String builderType() {
    return delegate.builderType();
  }

  @Override
  public Ui ui() {
    return delegate.ui();
  }

  @Override
  public Renderer renderer() {
    return delegate.renderer();
  }

  @Override
  public Connector connector() {
    return delegate.connector();
  }

  @Override
  public void runSteps(List<Step> steps, StateBag state) throws StepFailedException {
    delegate.runSteps(steps, state);
  }

  @Override
  public Map<String, String> scriptEnvironment() {
    return delegate.scriptEnvironment();
  }

  @Override
  public boolean force() {
    return delegate.force();
  }

  @Override
  public boolean debug() {
    return delegate.debug();
  }

  @Override
  public String runUuid() {
    return delegate.runUuid();
  }

  @Override
  public Path workingDirectory() {
    return delegate.workingDirectory();
  }

  @Override
  public BuildContext withCancellation(Cancellation other) {
    return new CancellationScopedContext(delegate, other);
  }

  @Override
  public Path homeDirectory() {
    return delegate.homeDirectory();
  }

  @Override
  public Map<String, String> environment() {
    return delegate.environment();
  }

  @Override
  public void addSecret(String value) {
    delegate.addSecret(value);
  }

  @Override
  public String mask(String text) {
    return delegate.mask(text);
  }
}

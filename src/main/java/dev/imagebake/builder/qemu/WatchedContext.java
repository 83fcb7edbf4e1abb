package dev.imagebake.builder.qemu;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.Cancellation;
import dev.imagebake.sdk.Connector;
import dev.imagebake.sdk.Renderer;
import dev.imagebake.sdk.Resources;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import dev.imagebake.sdk.StepFailedException;
import dev.imagebake.sdk.Ui;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The build's context with another cancellation (one that also fires when QEMU exits). */
final class WatchedContext implements BuildContext {
  private final BuildContext delegate;
  private final Cancellation cancellation;

  WatchedContext(BuildContext delegate, Cancellation cancellation) {
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
  public void addSecret(String value) {
    delegate.addSecret(value);
  }

  @Override
  public String mask(String text) {
    return delegate.mask(text);
  }

  @Override
  public Resources resources() {
    return delegate.resources();
  }
}

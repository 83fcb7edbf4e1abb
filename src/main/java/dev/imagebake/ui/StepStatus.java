package dev.imagebake.ui;

/** How a step's run ended. */
public enum StepStatus {
  OK,
  FAILED,
  CANCELLED
}

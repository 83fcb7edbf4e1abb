package dev.imagebake.builder.amazon.common;

/**
 * An AMI this build asked for: recorded before the request, so a rollback can find it by name even
 * when the answer carrying its id was lost.
 *
 * @param region where it is
 * @param name its name (unique per account and region)
 * @param id its id, or null until known
 * @param intermediary an unencrypted step towards encrypted copies, always deleted
 */
public record MadeImage(String region, String name, String id, boolean intermediary) {
  public MadeImage withId(String newId) {
    return new MadeImage(region, name, newId, intermediary);
  }
}

package dev.imagebake.builder.openstack;

import static dev.imagebake.builder.openstack.OsClient.obj;
import static dev.imagebake.builder.openstack.StepLoadFlavor.enc;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import java.util.List;
import java.util.Locale;

/**
 * Packer's four image updates, in its order: tags, visibility, members (accepted for them with
 * {@code image_auto_accept_members}), min disk.
 */
final class StepUpdateImage implements Step {
  private final OsImageConfig image;

  StepUpdateImage(OsImageConfig image) {
    this.image = image;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) {
    OsClient client = state.require(OsState.CLIENT);
    String id = state.require(OsState.IMAGE_ID);
    String path = "/images/" + enc(id);
    if (image.imageTags() != null && !image.imageTags().isEmpty()) {
      ctx.ui().say("Updating image tags to " + String.join(", ", image.imageTags()));
      try {
        client.patchImage(
            path, List.of(obj("op", "replace", "path", "/tags", "value", image.imageTags())));
      } catch (OsApiException e) {
        throw new IllegalStateException("Error updating image tags: " + e.getMessage(), e);
      }
    }
    if (!StepNovaKeyPair.blank(image.imageVisibility())) {
      String visibility = image.imageVisibility().toLowerCase(Locale.ROOT);
      ctx.ui().say("Updating image visibility to " + visibility);
      try {
        client.patchImage(
            path, List.of(obj("op", "replace", "path", "/visibility", "value", visibility)));
      } catch (OsApiException e) {
        throw new IllegalStateException("Error updating image visibility: " + e.getMessage(), e);
      }
    }
    if (image.imageMembers() != null) {
      for (String member : image.imageMembers()) {
        ctx.ui().say("Adding member '" + member + "' to image " + id);
        try {
          client.post(OsService.IMAGE, path + "/members", obj("member", member));
        } catch (OsApiException e) {
          throw new IllegalStateException("Error adding member to image: " + e.getMessage(), e);
        }
        if (Boolean.TRUE.equals(image.imageAutoAcceptMembers())) {
          ctx.ui().say("Accepting image " + id + " for member '" + member + "'");
          try {
            client.put(
                OsService.IMAGE, path + "/members/" + enc(member), obj("status", "accepted"));
          } catch (OsApiException e) {
            throw new IllegalStateException(
                "Error accepting image for member: " + e.getMessage(), e);
          }
        }
      }
    }
    if (image.imageMinDisk() != null && image.imageMinDisk() > 0) {
      ctx.ui().say("Updating image min disk to " + image.imageMinDisk());
      try {
        client.patchImage(
            path,
            List.of(obj("op", "replace", "path", "/min_disk", "value", image.imageMinDisk())));
      } catch (OsApiException e) {
        throw new IllegalStateException("Error updating image min disk: " + e.getMessage(), e);
      }
    }
  }
}

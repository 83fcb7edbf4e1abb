package dev.imagebake.postprocessor.manifest;

/** A file of an artifact: its name (as given, or its base name) and its size in bytes. */
record ManifestFileEntry(String name, long size) {}

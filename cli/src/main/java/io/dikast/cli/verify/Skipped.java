package io.dikast.cli.verify;

/** An object {@code dikast verify} read but does not check, and why. */
record Skipped(String source, String reason) {}

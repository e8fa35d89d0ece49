package io.dikast.quickstart;

/** A step of the story did not end as the story says it must; the message says how it ended. */
public final class StoryFailure extends RuntimeException {

  StoryFailure(String message) {
    super(message);
  }

  StoryFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
